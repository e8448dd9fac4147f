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
        HostState host = HostState.fromExtraConfig(v.extraConfig());
        SessionConfig s = tether.sessions().get(id);
        Instant guestStart = s == null || s.detail() == null ? null : s.detail().startTime();
        Instant guestStop = s == null || s.detail() == null ? null : s.detail().stopTime();
        Instant started = latest(host.startedAt(), guestStart);
        if (v.poweredOn()) {
            // on, but its run's exit is recorded: the tether is powering the VM off after the exit
            if (started != null && host.finishedAt() != null && !host.finishedAt().isBefore(started)) {
                return new ContainerState(ContainerStatus.EXITED, 0, host.exitCode(), host.error(), false, started,
                        host.finishedAt());
            }
            if (started != null && s != null && s.exitStatus() != null && guestStop != null && !guestStop.isBefore(started)) {
                return new ContainerState(ContainerStatus.EXITED, 0, s.exitStatus(), "", false, started, guestStop);
            }
            return new ContainerState(ContainerStatus.RUNNING, 1, 0, "", false, started, null);
        }
        if (started == null) {
            return ContainerState.created();
        }
        boolean guestNewer = s != null && s.exitStatus() != null
                && (host.finishedAt() == null || guestStop != null && guestStop.isAfter(host.finishedAt()));
        if (guestNewer) {
            return new ContainerState(ContainerStatus.EXITED, 0, s.exitStatus(), "", false, started, guestStop);
        }
        if (host.finishedAt() != null) {
            return new ContainerState(ContainerStatus.EXITED, 0, host.exitCode(), host.error(), false, started,
                    host.finishedAt());
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
