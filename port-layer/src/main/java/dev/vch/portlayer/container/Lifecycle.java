package dev.vch.portlayer.container;

import dev.vch.portlayer.api.ContainerService.Created;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.PortLayerException.Kind;
import dev.vch.portlayer.api.WaitResult;
import dev.vch.portlayer.events.EventBus;
import dev.vch.portlayer.link.LinkRegistry;
import dev.vch.portlayer.vm.ContainerVmSpec;
import dev.vch.portlayer.vm.VmBackend;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Link;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** create, start, stop, kill, remove, rename, exits and the rebuild at appliance start. */
final class Lifecycle implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Lifecycle.class);
    /** How long the stop path waits for an exit after SIGKILL before powering the VM off. */
    private static final Duration KILL_GRACE = Duration.ofSeconds(3);
    /** How long a start waits for the last run's VM to finish its own power-off before forcing it. */
    private static final Duration RESTART_POWER_OFF = Duration.ofSeconds(15);
    /** How long stop, kill and exec wait for a running container's link to come back. */
    static final Duration RELINK = Duration.ofSeconds(10);

    private final VmBackend vms;
    private final ImageResolver images;
    private final LinkRegistry links;
    private final LogStore logs;
    private final ContainerSettings settings;
    private final ContainerRegistry registry;
    private final StateRecorder recorder;
    private final Exits exits;
    /** Power states pushed by vSphere, from the rebuild on. */
    private AutoCloseable powerWatch;

    Lifecycle(VmBackend vms, ImageResolver images, LinkRegistry links, LogStore logs, EventBus events,
              ContainerSettings settings, ContainerRegistry registry) {
        this.vms = vms;
        this.images = images;
        this.links = links;
        this.logs = logs;
        this.settings = settings;
        this.registry = registry;
        this.recorder = new StateRecorder(vms, registry, events);
        this.exits = new Exits(vms, registry, logs, recorder, c -> remove(c, true), settings.guestPowerOff());
    }

    Created create(ContainerSpec spec) {
        refuseUnsupported(spec);
        ImageResolver.ResolvedImage img = images.resolve(spec.image());
        String name = spec.name() == null || spec.name().isBlank() ? freeGeneratedName() : Names.validate(spec.name());
        registry.requireFreeName(name, null);
        ContainerSpec full = ContainerConfigs.withImageDefaults(spec, img.image());
        String id = Names.newId();
        byte[] secret = Names.newSecret();
        Instant created = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        boolean networked = settings.bridgeNetwork() != null && !"none".equals(full.networkMode());
        ContainerConfig tether = ContainerConfigs.tetherConfig(id, name, full, secret, created,
                networked ? settings.bridgeNetwork() : null);
        Map<String, String> extra = new HashMap<>(ExtraConfigCodec.encode(tether));
        extra.putAll(new ContainerMeta(id, name, created, img.image().id(), ContainerMeta.Spec.of(full), 0).toExtraConfig());
        long memoryMb = spec.memoryBytes() > 0 ? Math.max(64, spec.memoryBytes() >> 20) : settings.memoryMB();
        int cpus = spec.nanoCpus() > 0 ? (int) Math.max(1, (spec.nanoCpus() + 999_999_999L) / 1_000_000_000L)
                : settings.cpus();
        ContainerVmSpec vm = new ContainerVmSpec(name + "-" + Names.shortId(id), id, cpus, memoryMb,
                settings.datastore(), settings.bootstrapIso(), img.topDisk(), img.diskCapacityMB(),
                networked ? settings.bridgeNetwork() : null, settings.linkUri(), extra);
        String handle = vms.create(vm);
        ContainerRecord c = new ContainerRecord(id, name, handle, secret, created, img.image().id(), full, 0,
                ContainerState.created());
        try {
            registry.add(c);
        } catch (PortLayerException e) {
            vms.destroy(handle);
            throw e;
        }
        event(c, "create", Map.of());
        return new Created(id, List.of());
    }

    private static void refuseUnsupported(ContainerSpec spec) {
        if (!spec.portBindings().isEmpty()) {
            throw PortLayerException.notImplemented("publishing ports (-p) is not implemented by this VCH yet");
        }
        if (!spec.binds().isEmpty()) {
            throw PortLayerException.notImplemented("volumes and bind mounts (-v) are not implemented by this VCH yet");
        }
        String mode = spec.networkMode();
        if (mode != null && !mode.isBlank() && !mode.equals("bridge") && !mode.equals("default") && !mode.equals("none")) {
            throw PortLayerException.notImplemented("network mode '" + mode + "' is not implemented by this VCH yet");
        }
        String policy = spec.restartPolicy().name();
        if (policy != null && !policy.isBlank() && !policy.equals("no")) {
            throw PortLayerException.notImplemented("restart policy '" + policy + "' is not implemented by this VCH yet");
        }
    }

    private String freeGeneratedName() {
        for (int i = 0; i < 100; i++) {
            String n = Names.generated();
            if (registry.all().stream().noneMatch(c -> c.name().equals(n))) {
                return n;
            }
        }
        return Names.generated() + "_" + Names.newId().substring(0, 4);
    }

    void start(ContainerRecord c) {
        synchronized (c) {
            if (c.running()) {
                throw new PortLayerException(Kind.NOT_MODIFIED, "Container " + c.id + " is already running");
            }
            if (c.starting) {
                throw PortLayerException.conflict("Container " + c.id + " is starting already");
            }
            c.starting = true;
        }
        try {
            if (vms.get(c.handle).map(v -> v.poweredOn()).orElse(false)) {
                // the last run's tether is powering its VM off: let it finish (it syncs its disks
                // first) rather than force a power-off that races it
                awaitPowerOff(c, RESTART_POWER_OFF);
            }
            var linkUp = links.awaitNext(c.id);
            vms.powerOn(c.handle);
            CompletableFuture<Void> off = exits.expectPowerOff(c);
            Link link;
            try {
                // a VM that goes off while booting (kernel panic, bad ISO) fails the start at once;
                // an off report is checked against vSphere (a late one of the last run says nothing)
                long deadline = System.nanoTime() + settings.startTimeout().toNanos();
                while (true) {
                    long left = deadline - System.nanoTime();
                    CompletableFuture.anyOf(linkUp, off).get(Math.max(left, 0), TimeUnit.NANOSECONDS);
                    if (linkUp.isDone()) {
                        break;
                    }
                    if (vms.get(c.handle).map(v -> !v.poweredOn()).orElse(true)) {
                        throw new VmOffBeforeLink();
                    }
                    off = exits.expectPowerOff(c);
                }
                link = linkUp.get();
            } catch (TimeoutException | ExecutionException | VmOffBeforeLink e) {
                linkUp.cancel(false);
                powerOffQuietly(c);
                String msg = "failed to start container " + c.id + ": " + (e instanceof ExecutionException x
                        && x.getCause() instanceof LinkRegistry.LinkRefusedException refused
                        ? "the VCH refused its tether's link (" + refused.getMessage() + ")"
                        : e instanceof VmOffBeforeLink
                        ? "its containerVM powered off before its tether connected to the VCH (its console log on the"
                                + " VCH's log server tells why)"
                        : "its tether did not connect to the VCH within " + settings.startTimeout().toSeconds() + " s")
                        + "; the containerVM was powered off";
                c.markStartFailed(msg);
                throw new PortLayerException(Kind.UNAVAILABLE, msg);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                powerOffQuietly(c);
                throw new PortLayerException(Kind.INTERNAL, "interrupted starting " + c.id);
            }
            Instant now = Instant.now();
            c.markRunning(now);
            var exit = c.nextExit();
            ContainerProcess p;
            try {
                p = ContainerProcess.open(c, logs, link, true, exits::processEnded);
            } catch (IOException e) {
                powerOffQuietly(c);
                c.markStartFailed("link to the container failed: " + e.getMessage());
                throw new PortLayerException(Kind.UNAVAILABLE, "failed to start container " + c.id
                        + ": the link to its tether failed: " + e.getMessage(), e);
            }
            synchronized (c) {
                c.process = p;
            }
            recorder.state(c, new HostState(now, null, 0, null));
            // the tether reports STARTED (or an EXIT that says the process never ran) quickly; a tether
            // that does not send STARTED for the main session costs this much per start
            Long pid = p.awaitStarted(500);
            if (pid != null) {
                c.markPid(pid);
            } else if (p.exited.isDone() && !p.exited.isCompletedExceptionally()
                    && !p.exited.join().error().isEmpty()) {
                awaitQuietly(exit);
                throw PortLayerException.invalid("failed to create task for container: " + p.exited.join().error());
            }
            event(c, "start", Map.of());
        } finally {
            synchronized (c) {
                c.starting = false;
            }
        }
    }

    void restarted(ContainerRecord c) {
        event(c, "restart", Map.of());
    }

    /** A tether's link came up while nobody was starting it: re-attach after a VCH restart. */
    void linkConnected(Link link) {
        registry.byId(link.containerId()).ifPresent(c -> {
            synchronized (c) {
                if (c.starting || c.process != null && c.process.linkOpen()) {
                    return;
                }
            }
            Thread.ofVirtual().name("reattach").start(() -> {
                try {
                    ContainerProcess p = ContainerProcess.open(c, logs, link, false, exits::processEnded);
                    synchronized (c) {
                        c.process = p;
                    }
                    LOG.info("re-attached to running container {}", c.id);
                } catch (IOException e) {
                    LOG.warn("cannot re-attach to container {}: {}", c.id, e.getMessage());
                }
            });
        });
    }

    void stop(ContainerRecord c, Duration timeout) {
        if (!c.running()) {
            throw new PortLayerException(Kind.NOT_MODIFIED, "Container " + c.id + " is not running");
        }
        c.stopRequested = true;
        long seconds = timeout != null ? timeout.toSeconds()
                : c.spec.stopTimeout() != null ? c.spec.stopTimeout() : 10;
        var exit = c.nextExit();
        ContainerProcess p = liveProcess(c);
        String stopSignal = c.spec.stopSignal() == null ? "SIGTERM" : c.spec.stopSignal();
        event(c, "kill", Map.of("signal", Integer.toString(Signals.parse(stopSignal))));
        if (p != null && p.linkOpen() && seconds > 0) {
            try {
                p.signal(Signals.parse(stopSignal));
                exit.toCompletableFuture().get(seconds, TimeUnit.SECONDS);
            } catch (IOException | ExecutionException | TimeoutException e) {
                LOG.debug("{} did not stop on {} within {} s", c.id, stopSignal, seconds);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (c.running()) {
            killAndWait(c);
        }
        event(c, "stop", Map.of());
    }

    private void killAndWait(ContainerRecord c) {
        ContainerProcess p = liveProcess(c);
        if (p != null && p.linkOpen()) {
            try {
                p.signal(Signals.KILL);
                c.nextExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                return;
            } catch (IOException | ExecutionException | TimeoutException e) {
                LOG.debug("{} did not exit on SIGKILL; powering it off", c.id);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        finishExit(c, 137, "");
    }

    void kill(ContainerRecord c, String signal) {
        int n = Signals.parse(signal);
        if (!c.running()) {
            throw VsphereContainerService.notRunning(c);
        }
        event(c, "kill", Map.of("signal", Integer.toString(n)));
        c.stopRequested = true;
        ContainerProcess p = liveProcess(c);
        if (p != null) {
            try {
                p.signal(n);
                if (n == Signals.KILL) {
                    Thread.ofVirtual().start(() -> {
                        try {
                            c.nextExit().get(KILL_GRACE.toMillis(), TimeUnit.MILLISECONDS);
                        } catch (Exception e) {
                            if (c.running()) {
                                finishExit(c, 137, "");
                            }
                        }
                    });
                }
                return;
            } catch (IOException e) {
                LOG.debug("signal to {} failed: {}", c.id, e.getMessage());
            }
        }
        if (n != Signals.KILL) {
            throw new PortLayerException(Kind.UNAVAILABLE, "the link to the tether of container " + c.id
                    + " is down; only SIGKILL (power off) is possible now");
        }
        finishExit(c, 137, "");
    }

    void remove(ContainerRecord c, boolean force) {
        if (c.running() || c.starting) {
            if (!force) {
                throw PortLayerException.conflict("cannot remove container \"/" + c.name()
                        + "\": container is running: stop the container before removing or force remove");
            }
            finishExit(c, 137, "");
        }
        if (registry.byId(c.id).isEmpty()) {
            return; // removed already (auto-remove raced a docker rm)
        }
        if (vms.get(c.handle).map(v -> v.poweredOn()).orElse(false)) {
            powerOffQuietly(c); // exited, and its VM is still shutting down
        }
        try {
            vms.destroy(c.handle);
        } catch (PortLayerException e) {
            if (e.kind() != Kind.NOT_FOUND) {
                throw e;
            }
        }
        registry.remove(c.id);
        links.forget(c.id);
        logs.delete(c.id);
        event(c, "destroy", Map.of());
        c.removed.complete(new WaitResult(c.state().exitCode(), null));
    }

    void rename(ContainerRecord c, String newName) {
        String name = Names.validate(newName);
        String old = c.name();
        if (old.equals(name)) {
            throw PortLayerException.conflict("Renaming a container with the same name as its current name");
        }
        registry.rename(c, name);
        Map<String, String> keys = new ContainerMeta(c.id, name, c.created, c.imageId, ContainerMeta.Spec.of(c.spec),
                c.restartCount()).toExtraConfig();
        try {
            vms.setExtraConfig(c.handle, keys);
        } catch (PortLayerException e) {
            registry.rename(c, old);
            throw e;
        }
        event(c, "rename", Map.of("oldName", "/" + old));
    }

    /**
     * Rebuilds the containers from the VMs, then follows their power states: the first report of
     * each VM settles containers whose VM went off meanwhile.
     */
    int rebuild() {
        int n = new Rebuild(vms, registry).run();
        if (powerWatch == null) {
            powerWatch = vms.watchPower(exits);
        }
        return n;
    }

    /**
     * The running container's attach channel; when its link is down (the tether reconnects after
     * a VCH restart or a dropped link) waits up to {@link #RELINK} for it to come back.
     */
    private ContainerProcess liveProcess(ContainerRecord c) {
        ContainerProcess p = c.process;
        if (p != null && p.linkOpen()) {
            return p;
        }
        try {
            links.await(c.id).get(RELINK.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) { // the re-attach runs on its own thread
            p = c.process;
            if (p != null && p.linkOpen()) {
                return p;
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return null;
    }

    private static void awaitQuietly(java.util.concurrent.Future<?> f) {
        try {
            f.get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("no exit recorded in time: {}", e.toString());
        }
    }

    private void powerOffQuietly(ContainerRecord c) {
        exits.powerOffQuietly(c);
    }

    /** Waits (bounded) for the last run's VM to finish its own power-off, then forces it. */
    private void awaitPowerOff(ContainerRecord c, Duration bound) {
        long deadline = System.nanoTime() + bound.toNanos();
        while (vms.get(c.handle).map(v -> v.poweredOn()).orElse(false)) {
            if (System.nanoTime() > deadline) {
                powerOffQuietly(c);
                return;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void event(ContainerRecord c, String action, Map<String, String> extra) {
        recorder.event(c, action, extra);
    }

    /** Records an exit the VCH forces: the VM is powered off first. */
    void finishExit(ContainerRecord c, int code, String error) {
        exits.record(c, code, error, Exits.Power.FORCE);
    }

    @Override
    public void close() {
        if (powerWatch != null) {
            try {
                powerWatch.close();
            } catch (Exception e) {
                LOG.warn("closing the power watch: {}", e.toString());
            }
        }
        recorder.close();
    }

    /** The containerVM went off while the start waited for its tether's link. */
    private static final class VmOffBeforeLink extends Exception {
        VmOffBeforeLink() {
            super(null, null, false, false);
        }
    }
}
