package dev.vch.portlayer.api;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What to create: the container's configuration as the user asked for it, already
 * validated and normalised by the front end (image names are full references such as
 * {@code docker.io/library/busybox:latest}). Fields the user left out are empty lists/maps,
 * null strings or zero numbers; the port layer fills defaults from the image.
 *
 * @param name          requested name without a leading slash, or null to generate one
 * @param image         normalised image reference
 * @param cmd           command, or empty for the image's
 * @param entrypoint    entrypoint, or null for the image's (an empty list clears it)
 * @param exposedPorts  "80/tcp" style keys
 * @param binds         "src:dst[:mode]" bind/volume specs
 * @param portBindings  published ports
 * @param networkMode   "bridge", "none", "host" or a network name
 * @param memoryBytes   memory limit, 0 = the VCH default
 * @param nanoCpus      CPU limit in 1e-9 CPUs, 0 = the VCH default
 * @param stopTimeout   seconds, or null for the default (10)
 * @param consoleHeight initial TTY rows, 0 when unknown
 * @param consoleWidth  initial TTY columns, 0 when unknown
 */
public record ContainerSpec(
        String name,
        String image,
        List<String> cmd,
        List<String> entrypoint,
        List<String> env,
        String workingDir,
        String user,
        String hostname,
        String domainname,
        Map<String, String> labels,
        boolean tty,
        boolean openStdin,
        boolean stdinOnce,
        boolean attachStdin,
        boolean attachStdout,
        boolean attachStderr,
        Set<String> exposedPorts,
        List<String> binds,
        List<PortBinding> portBindings,
        String networkMode,
        RestartPolicy restartPolicy,
        boolean autoRemove,
        long memoryBytes,
        long nanoCpus,
        String stopSignal,
        Integer stopTimeout,
        int consoleHeight,
        int consoleWidth) {

    public ContainerSpec {
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        entrypoint = entrypoint == null ? null : List.copyOf(entrypoint);
        env = env == null ? List.of() : List.copyOf(env);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
        binds = binds == null ? List.of() : List.copyOf(binds);
        portBindings = portBindings == null ? List.of() : List.copyOf(portBindings);
        restartPolicy = restartPolicy == null ? RestartPolicy.NONE : restartPolicy;
    }

    /** A published port: container port/protocol to host address:port (0 = any free). */
    public record PortBinding(int containerPort, String protocol, String hostIp, int hostPort) {
    }

    /** Docker's restart policy: name is "", "no", "always", "unless-stopped" or "on-failure". */
    public record RestartPolicy(String name, int maximumRetryCount) {
        public static final RestartPolicy NONE = new RestartPolicy("no", 0);
    }
}
