package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running qemu VM, started by us or reattached after a simulator restart. */
final class QemuVm implements RunningVm, Detachable {

    private static final Logger LOG = LoggerFactory.getLogger(QemuVm.class);
    /** How long qemu gets to act on QMP quit before it is killed. */
    static final int QUIT_GRACE_SECONDS = 2;
    private static final int KILL_WAIT_SECONDS = 5;

    private final String vmId;
    private final ProcessHandle process;
    private final Path qmpSocket;
    private final CompletableFuture<Integer> exited;
    private final List<AutoCloseable> cleanup;
    private final java.util.concurrent.atomic.AtomicBoolean cleaned = new java.util.concurrent.atomic.AtomicBoolean();
    private Qmp qmp; // guarded by this
    /** When powerOn was called, qemu was started and QMP first answered (System.nanoTime); null if reattached. */
    volatile StartTimes startTimes;

    record StartTimes(long called, long processStarted, long qmpReady) {
    }

    /**
     * @param child the Process when we started qemu (its exit code is known), else null
     * @param cleanup runs once qemu is gone (stop serving guestinfo, leave the switches)
     */
    QemuVm(String vmId, ProcessHandle process, Process child, Qmp qmp, Path qmpSocket, List<AutoCloseable> cleanup) {
        this.vmId = vmId;
        this.process = process;
        this.qmp = qmp;
        this.qmpSocket = qmpSocket;
        this.cleanup = cleanup;
        CompletableFuture<Integer> code = child != null ? ProcInfo.exitOf(child) : ProcInfo.exitOf(process);
        this.exited = code.whenComplete((c, t) -> {
            LOG.info("qemu of {} (pid {}) exited with {}", vmId, process.pid(), c);
            detach();
        });
    }

    /** Stops serving this VM's channels and closes QMP; qemu keeps running (simulator shutdown). */
    @Override
    public void detach() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (qmp != null) qmp.close();
            qmp = null;
        }
        QemuRuntime.closeAll(cleanup);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<String> ipAddress() {
        return Optional.empty(); // a qemu guest's address is the guest's business (it reports it via guestinfo)
    }

    /**
     * QMP {@code quit} (qemu exits at once: a hard power-off, as on ESXi), then SIGKILL when qemu
     * is still there after {@link #QUIT_GRACE_SECONDS} (hung, or QMP unreachable).
     */
    @Override
    public void powerOff() {
        if (!exited.isDone()) {
            // on its own thread: a hung qemu never answers (QMP has no read timeout); it ends with qemu
            Thread.ofVirtual().name("qmp-quit-" + vmId).start(() -> {
                try {
                    command("quit", false);
                } catch (IOException e) {
                    LOG.debug("QMP quit of {}: {}", vmId, e.toString()); // qemu may close QMP before answering
                }
            });
        }
        if (awaitExit(QUIT_GRACE_SECONDS)) {
            return;
        }
        LOG.warn("qemu of {} did not quit within {} s; killing pid {}", vmId, QUIT_GRACE_SECONDS, process.pid());
        process.destroyForcibly();
        if (!awaitExit(KILL_WAIT_SECONDS)) {
            // only a process stuck in the kernel outlives SIGKILL; it ends when the kernel lets it
            LOG.error("qemu of {} (pid {}) still there {} s after SIGKILL", vmId, process.pid(), KILL_WAIT_SECONDS);
        }
    }

    @Override
    public void reset() {
        guarded("system_reset");
    }

    @Override
    public void shutdownGuest() {
        guarded("system_powerdown"); // ACPI power button: the guest decides what to do with it
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    /** qemu's run state as QMP reports it (running, paused, shutdown...). */
    String status() {
        try {
            synchronized (this) {
                return qmp().status();
            }
        } catch (IOException e) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "qemu of " + vmId + " does not answer QMP: " + e.getMessage(), e);
        }
    }

    private void guarded(String command) {
        if (exited.isDone()) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "VM " + vmId + " is not running");
        }
        try {
            command(command, true);
        } catch (IOException e) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                    "Tried to " + command + " VM " + vmId + " but qemu did not accept it: " + e.getMessage(), e);
        }
    }

    private synchronized void command(String command, boolean retry) throws IOException {
        try {
            qmp().execute(command);
        } catch (IOException e) {
            if (!retry) throw e;
            // one reconnect: qemu accepts one QMP client at a time and a stale connection may linger
            if (qmp != null) qmp.close();
            qmp = null;
            if (exited.isDone()) throw e;
            qmp().execute(command);
        }
    }

    private Qmp qmp() throws IOException {
        if (qmp == null) {
            qmp = Qmp.connect(qmpSocket, process::isAlive, 5_000);
        }
        return qmp;
    }

    private boolean awaitExit(int seconds) {
        return ProcInfo.await(exited, seconds);
    }
}
