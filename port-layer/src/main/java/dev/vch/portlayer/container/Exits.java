package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.WaitResult;
import dev.vch.portlayer.vm.VmBackend;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a running container's exit is recorded, from whichever source knows first: the tether's
 * EXIT on the link (the process ended: waiters are answered at once), the link dropping with the
 * VM off, or vSphere's property collector reporting the VM off (qemu killed, host trouble). Then
 * the VM's power-off: the tether's own (bounded wait, pushed by the power watch, not polled), or
 * the VCH's; and auto-removal.
 */
final class Exits implements VmBackend.PowerListener {
    private static final Logger LOG = LoggerFactory.getLogger(Exits.class);
    /** How long a VM reported off waits for the link's EXIT, which knows the exit status better. */
    static final Duration LINK_GRACE = Duration.ofSeconds(1);

    /** What the VM's power does while an exit is recorded. */
    enum Power {
        /** the VCH powers the VM off before it records the exit (kill, stop, forced removal) */
        FORCE,
        /** the tether reported the exit and powers its VM off itself */
        GUEST,
        /** the VM is off already */
        OFF
    }

    private final VmBackend vms;
    private final ContainerRegistry registry;
    private final LogStore logs;
    private final StateRecorder recorder;
    private final Consumer<ContainerRecord> autoRemove;
    private final Duration guestPowerOff;
    /** The next power-off report of each VM somebody waits for, by handle. */
    private final Map<String, CompletableFuture<Void>> nextOff = new ConcurrentHashMap<>();

    /** @param guestPowerOff how long an exited container's tether gets to power its VM off before the VCH does */
    Exits(VmBackend vms, ContainerRegistry registry, LogStore logs, StateRecorder recorder,
          Consumer<ContainerRecord> autoRemove, Duration guestPowerOff) {
        this.guestPowerOff = guestPowerOff;
        this.vms = vms;
        this.registry = registry;
        this.logs = logs;
        this.recorder = recorder;
        this.autoRemove = autoRemove;
    }

    /**
     * From now on the VM's next power-off report is awaited (call once it is powered on); the
     * future completes with that report.
     */
    CompletableFuture<Void> expectPowerOff(ContainerRecord c) {
        CompletableFuture<Void> off = new CompletableFuture<>();
        nextOff.put(c.handle, off);
        return off;
    }

    /** The attach channel ended: with an EXIT, or because the link dropped. */
    void processEnded(ContainerProcess p) {
        ContainerRecord c = registry.byId(p.recordId()).orElse(null);
        if (c == null) {
            return;
        }
        synchronized (c) {
            if (c.process == p) {
                c.process = null;
            }
        }
        if (p.exited.isCompletedExceptionally()) {
            // no EXIT: the VM died, or only the link dropped (the tether reconnects)
            if (vms.get(c.handle).map(v -> !v.poweredOn()).orElse(true)) {
                record(c, guestExitStatus(c).orElse(137), "", Power.OFF);
            }
            return;
        }
        ContainerProcess.Exit e = p.exited.join();
        record(c, e.status(), e.error(), Power.GUEST);
    }

    /**
     * Records an exit once: clients ended, die event, waiters answered, then the VM off and the
     * auto-removal.
     */
    void record(ContainerRecord c, int code, String error, Power power) {
        if (!c.running()) {
            return;
        }
        if (power == Power.FORCE) {
            powerOffQuietly(c);
        }
        Instant at = Instant.now();
        var waiters = c.markExited(code, error, at);
        if (waiters == null) {
            return;
        }
        String err = error == null || error.isEmpty() ? null : error;
        LOG.info("container {} exited with {}{}", c.id, code, err == null ? "" : " (" + err + ")");
        if (!c.spec.autoRemove()) {
            recorder.state(c, new HostState(c.state().startedAt(), at, code, err));
        }
        c.takeSinks().forEach(s -> s.end(null));
        logs.stopped(c.id);
        recorder.event(c, "die", Map.of("exitCode", Integer.toString(code)));
        waiters.complete(new WaitResult(code, err));
        if (c.spec.autoRemove()) {
            // its disk goes with it: no need to let the guest shut down cleanly
            if (power == Power.GUEST) {
                powerOffQuietly(c);
            }
            try {
                autoRemove.accept(c);
            } catch (PortLayerException e) {
                LOG.warn("auto-remove of {} failed: {}", c.id, e.getMessage());
            }
        } else if (power == Power.GUEST) {
            awaitGuestPowerOff(c);
        }
    }

    /** Waits (bounded) for the power watch to report the guest's own power-off, then forces it. */
    private void awaitGuestPowerOff(ContainerRecord c) {
        CompletableFuture<Void> off = nextOff.computeIfAbsent(c.handle, h -> new CompletableFuture<>());
        try {
            if (!off.isDone() && vms.get(c.handle).map(v -> v.poweredOn()).orElse(false)) {
                off.get(guestPowerOff.toMillis(), TimeUnit.MILLISECONDS);
            }
            return;
        } catch (TimeoutException e) {
            LOG.info("container {}: its VM did not power itself off within {} s; powering it off", c.id,
                    guestPowerOff.toSeconds());
        } catch (ExecutionException | PortLayerException e) {
            LOG.debug("waiting for the power-off of {}: {}", c.id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            nextOff.remove(c.handle, off);
        }
        powerOffQuietly(c);
    }

    @Override
    public void powerState(String handle, boolean poweredOn) {
        if (!poweredOn) {
            wentOff(handle);
        }
    }

    @Override
    public void gone(String handle) {
        wentOff(handle);
    }

    /** Called on the power watch's thread: answers waiters there, anything slower on a thread of its own. */
    private void wentOff(String handle) {
        CompletableFuture<Void> off = nextOff.remove(handle);
        if (off != null) {
            off.complete(null);
        }
        registry.byHandle(handle).filter(c -> c.running() && !c.starting).ifPresent(c ->
                Thread.ofVirtual().name("off-" + Names.shortId(c.id)).start(() -> offBehindOurBack(c)));
    }

    /** A running container's VM went off: its process is gone whatever the link still says. */
    private void offBehindOurBack(ContainerRecord c) {
        ContainerProcess p = c.process;
        if (p != null) {
            try {
                p.exited.get(LINK_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return; // the link's EXIT or drop records the exit
            } catch (TimeoutException | ExecutionException e) {
                LOG.debug("no exit from the link of {}: {}", c.id, e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        if (!c.running() || c.starting || vms.get(c.handle).map(v -> v.poweredOn()).orElse(false)) {
            return; // recorded meanwhile, restarted, or a stale report
        }
        int code = guestExitStatus(c).orElse(137);
        LOG.info("container {}: its VM is off: it exited ({})", c.id, code);
        record(c, code, "", Power.OFF);
    }

    private Optional<Integer> guestExitStatus(ContainerRecord c) {
        return vms.get(c.handle).flatMap(v -> Rebuild.guestStatus(v.extraConfig(), c.id));
    }

    void powerOffQuietly(ContainerRecord c) {
        try {
            vms.powerOff(c.handle);
        } catch (PortLayerException e) {
            LOG.warn("power off of {} failed: {}", c.id, e.getMessage());
        }
    }
}
