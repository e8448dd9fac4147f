package dev.vch.portlayer.container;

import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.vm.VmBackend;
import dev.vch.portlayer.vm.VmRecord;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's state rebuilt from vSphere at start: every VM of the VCH's pool carrying
 * {@link ContainerMeta} becomes a container again; VMs whose keys do not decode are skipped
 * (and logged), never deleted.
 */
final class Rebuild {
    private static final Logger LOG = LoggerFactory.getLogger(Rebuild.class);

    private final VmBackend vms;
    private final ContainerRegistry registry;

    Rebuild(VmBackend vms, ContainerRegistry registry) {
        this.vms = vms;
        this.registry = registry;
    }

    int run() {
        int n = 0;
        for (VmRecord v : vms.list()) {
            if (!ContainerMeta.present(v.extraConfig())) {
                continue;
            }
            try {
                registry.add(record(v));
                n++;
            } catch (RuntimeException e) {
                LOG.warn("skipping VM {} ({}): its container configuration does not decode: {}", v.handle(), v.name(),
                        e.getMessage());
            }
        }
        LOG.info("rebuilt {} containers from vSphere", n);
        return n;
    }

    static ContainerRecord record(VmRecord v) {
        Map<String, String> ec = v.extraConfig();
        ContainerMeta meta = ContainerMeta.fromExtraConfig(ec);
        ContainerConfig tether = ExtraConfigCodec.decode(ContainerConfig.class, ec);
        if (tether.linkSecret() == null || !meta.id().equals(tether.id())) {
            throw new IllegalArgumentException("link secret missing or container id mismatch");
        }
        return new ContainerRecord(meta.id(), meta.name(), v.handle(), tether.linkSecret(), meta.created(),
                meta.imageId(), meta.spec().toSpec(meta.name()), meta.restartCount(), state(v, meta.id(), tether));
    }

    private static ContainerState state(VmRecord v, String id, ContainerConfig tether) {
        return state(v.poweredOn(), HostState.fromExtraConfig(v.extraConfig()), tether.sessions().get(id));
    }

    /**
     * A container's state from what the VCH recorded (its clock) and what the tether wrote (the
     * guest's clock, which may run ahead or behind: under TCG a busy guest's clock drifts). Times of
     * the two clocks are compared only where a whole run separates them. Each start clears the
     * VCH's finishedAt, so one that is there is the exit of the run started at startedAt, unless the
     * guest started a run after it (the start's write was lost with the appliance); the guest's exit
     * counts when it is its current run's (its stop not before its own start).
     */
    static ContainerState state(boolean poweredOn, HostState host, SessionConfig s) {
        Instant guestStart = s == null || s.detail() == null ? null : s.detail().startTime();
        Instant guestStop = s == null || s.detail() == null ? null : s.detail().stopTime();
        Instant started = latest(host.startedAt(), guestStart);
        boolean hostExit = host.finishedAt() != null && !(guestStart != null && guestStart.isAfter(host.finishedAt()));
        boolean guestExit = s != null && s.exitStatus() != null && guestStop != null
                && (guestStart == null || !guestStop.isBefore(guestStart));
        if (hostExit) {
            // also when the VM is still on: the tether is powering it off after the exit
            return new ContainerState(ContainerStatus.EXITED, 0, host.exitCode(), host.error(), false, started,
                    host.finishedAt());
        }
        if (guestExit) {
            return new ContainerState(ContainerStatus.EXITED, 0, s.exitStatus(), "", false, started, guestStop);
        }
        if (poweredOn) {
            return new ContainerState(ContainerStatus.RUNNING, 1, 0, "", false, started, null);
        }
        if (started == null) {
            return ContainerState.created();
        }
        // started, now off, and nobody recorded the exit: it died with the VM
        return new ContainerState(ContainerStatus.EXITED, 0, 137, "", false, started, guestStop);
    }

    /** The exit status the guest wrote for the main session, if any. */
    static Optional<Integer> guestStatus(Map<String, String> ec, String id) {
        try {
            SessionConfig s = ExtraConfigCodec.decode(ContainerConfig.class, ec).sessions().get(id);
            return Optional.ofNullable(s == null ? null : s.exitStatus());
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
