package dev.vch.portlayer.container;

import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Key;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * What Docker knows of a container beyond what the tether reads: kept in the containerVM's
 * extraConfig under {@link #PREFIX} (not {@code guestinfo.}: the guest has no use for it), so
 * that the appliance can rebuild its state from vSphere alone.
 */
public record ContainerMeta(@Key("id") String id, @Key("name") String name, @Key("created") Instant created,
                            @Key("imageId") String imageId, @Key("spec") Spec spec,
                            @Key("restartCount") int restartCount) {
    public static final String PREFIX = "vch.container.";

    public Map<String, String> toExtraConfig() {
        return ExtraConfigCodec.encodeDetailed(PREFIX, this).entries();
    }

    public static boolean present(Map<String, String> extraConfig) {
        return extraConfig.containsKey(PREFIX + "/id");
    }

    public static ContainerMeta fromExtraConfig(Map<String, String> extraConfig) {
        return ExtraConfigCodec.decode(PREFIX, ContainerMeta.class, extraConfig);
    }

    /** {@link ContainerSpec} in the codec's types (lists for sets, a flag for "entrypoint given"). */
    public record Spec(@Key("image") String image, @Key("cmd") List<String> cmd,
                       @Key("entrypoint") List<String> entrypoint, @Key("env") List<String> env,
                       @Key("workingDir") String workingDir, @Key("user") String user,
                       @Key("hostname") String hostname, @Key("domainname") String domainname,
                       @Key("labels") Map<String, String> labels, @Key("tty") boolean tty,
                       @Key("openStdin") boolean openStdin, @Key("stdinOnce") boolean stdinOnce,
                       @Key("attachStdin") boolean attachStdin, @Key("attachStdout") boolean attachStdout,
                       @Key("attachStderr") boolean attachStderr, @Key("exposedPorts") List<String> exposedPorts,
                       @Key("binds") List<String> binds, @Key("networkMode") String networkMode,
                       @Key("restartPolicy") String restartPolicy, @Key("restartMax") int restartMax,
                       @Key("autoRemove") boolean autoRemove, @Key("memoryBytes") long memoryBytes,
                       @Key("nanoCpus") long nanoCpus, @Key("stopSignal") String stopSignal,
                       @Key("stopTimeout") Integer stopTimeout) {

        public static Spec of(ContainerSpec s) {
            return new Spec(s.image(), s.cmd(), s.entrypoint(), s.env(), s.workingDir(), s.user(), s.hostname(),
                    s.domainname(), s.labels(), s.tty(), s.openStdin(), s.stdinOnce(), s.attachStdin(),
                    s.attachStdout(), s.attachStderr(), new ArrayList<>(s.exposedPorts()), s.binds(),
                    s.networkMode(), s.restartPolicy().name(), s.restartPolicy().maximumRetryCount(), s.autoRemove(),
                    s.memoryBytes(), s.nanoCpus(), s.stopSignal(), s.stopTimeout());
        }

        public ContainerSpec toSpec(String name) {
            return new ContainerSpec(name, image, cmd, entrypoint, env, workingDir, user, hostname, domainname, labels,
                    tty, openStdin, stdinOnce, attachStdin, attachStdout, attachStderr,
                    exposedPorts == null ? null : new LinkedHashSet<>(exposedPorts), binds, List.of(), networkMode,
                    new ContainerSpec.RestartPolicy(restartPolicy == null ? "no" : restartPolicy, restartMax),
                    autoRemove, memoryBytes, nanoCpus, stopSignal, stopTimeout, 0, 0);
        }
    }
}
