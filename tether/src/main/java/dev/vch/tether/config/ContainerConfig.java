package dev.vch.tether.config;

import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Key;
import dev.vch.tether.guestinfo.Secret;
import java.util.List;
import java.util.Map;

/**
 * Everything the tether needs to turn a VM into a container, as the port layer writes it into the
 * containerVM's extraConfig with {@link ExtraConfigCodec} (prefix {@code guestinfo.vice.}).
 *
 * @param common container id (64 hex) and name
 * @param sessions the main process under the container id (VIC keeps a map; the tether runs the
 *     session whose key is {@code common.id})
 * @param execs exec sessions known at boot (more arrive over the link)
 * @param networks NICs by network name
 * @param mounts volumes by volume name
 * @param hosts extra /etc/hosts lines ({@code "<ip> <name> [alias...]"}; localhost and the
 *     container's own name are written by the tether)
 * @param linkSecret the per-container secret the tether proves in its link hello; never shown
 * @param debug more logging on the console
 */
public record ContainerConfig(
        @Key("common") Common common,
        @Key("hostname") String hostname,
        @Key("domainname") String domainname,
        @Key("sessions") Map<String, SessionConfig> sessions,
        @Key("execs") Map<String, SessionConfig> execs,
        @Key("networks") Map<String, NetworkEndpoint> networks,
        @Key("volumes") Map<String, MountSpec> mounts,
        @Key("dns") DnsConfig dns,
        @Key("hosts") List<String> hosts,
        @Secret @Key("key") byte[] linkSecret,
        @Key("debug") boolean debug) {

    public ContainerConfig {
        sessions = sessions == null ? Map.of() : Map.copyOf(sessions);
        execs = execs == null ? Map.of() : Map.copyOf(execs);
        networks = networks == null ? Map.of() : Map.copyOf(networks);
        mounts = mounts == null ? Map.of() : Map.copyOf(mounts);
        hosts = hosts == null ? List.of() : List.copyOf(hosts);
    }

    /** The container id; throws when the config has none. */
    public String id() {
        if (common == null || common.id() == null || common.id().isBlank()) {
            throw new dev.vch.tether.TetherException(dev.vch.tether.TetherException.Kind.INVALID_CONFIG,
                    "container config has no id (guestinfo.vice./common/id)");
        }
        return common.id();
    }

    /** The main process: the session keyed by the container id. */
    public SessionConfig mainSession() {
        SessionConfig s = sessions.get(id());
        if (s == null) {
            throw new dev.vch.tether.TetherException(dev.vch.tether.TetherException.Kind.INVALID_CONFIG,
                    "container config has no session for its id (guestinfo.vice./sessions|" + id() + ")");
        }
        return s;
    }

    @Override
    public String toString() {
        // records print every component; the link secret must never reach a log
        return "ContainerConfig[id=" + (common == null ? null : common.id()) + ", name=" + (common == null ? null : common.name())
                + ", hostname=" + hostname + ", sessions=" + sessions.keySet() + ", execs=" + execs.keySet()
                + ", networks=" + networks.keySet() + ", mounts=" + mounts.keySet() + ", linkSecret=" + ExtraConfigCodec.REDACTED + "]";
    }
}
