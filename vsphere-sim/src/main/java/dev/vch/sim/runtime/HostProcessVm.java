package dev.vch.sim.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VM that runs as a host process (section 5 of docs/design/guestinfo-channel.md). The process
 * leads its own process group (setsid), so signals reach whatever {@code run.sh} started.
 */
final class HostProcessVm implements RunningVm, Detachable {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcessVm.class);
    static final int TERM_GRACE_SECONDS = 10;

    private final String vmId;
    private final ProcessHandle process;
    private final String ip;
    private final CompletableFuture<Integer> exited;
    private final Runnable cleanup;
    private final java.util.concurrent.atomic.AtomicBoolean cleaned = new java.util.concurrent.atomic.AtomicBoolean();

    HostProcessVm(String vmId, ProcessHandle process, Process child, String ip, Runnable cleanup) {
        this.vmId = vmId;
        this.process = process;
        this.ip = ip;
        this.cleanup = cleanup;
        CompletableFuture<Integer> code = child != null ? ProcInfo.exitOf(child) : ProcInfo.exitOf(process);
        this.exited = code.whenComplete((c, t) -> {
            LOG.info("host process of {} (pid {}) exited with {}", vmId, process.pid(), c);
            if (!cleaned.get()) {
                ProcInfo.signalGroup(process.pid(), "KILL"); // leftovers of run.sh go with it
            }
            detach();
        });
    }

    /** Stops serving guestinfo and frees the address; the process keeps running (simulator shutdown). */
    @Override
    public void detach() {
        if (cleaned.compareAndSet(false, true)) {
            cleanup.run();
        }
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<String> ipAddress() {
        return Optional.of(ip);
    }

    @Override
    public void powerOff() {
        if (exited.isDone()) {
            return;
        }
        terminate();
        if (awaitExit(TERM_GRACE_SECONDS)) {
            return;
        }
        LOG.warn("host process of {} ignored SIGTERM for {} s; killing it", vmId, TERM_GRACE_SECONDS);
        if (!ProcInfo.signalGroup(process.pid(), "KILL")) {
            process.destroyForcibly();
        }
        awaitExit(10);
    }

    @Override
    public void reset() {
        throw new VmRuntimeException(VmRuntimeException.Kind.NOT_IMPLEMENTED,
                "reset of host-process VM " + vmId + " is not implemented: power it off and on");
    }

    @Override
    public void shutdownGuest() {
        if (exited.isDone()) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "VM " + vmId + " is not running");
        }
        terminate();
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    private void terminate() {
        if (!ProcInfo.signalGroup(process.pid(), "TERM")) {
            process.destroy(); // not a group leader (no setsid): signal the process itself
        }
    }

    private boolean awaitExit(int seconds) {
        return ProcInfo.await(exited, seconds);
    }
}
