package dev.vch.portlayer.container;

import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.Detail;
import dev.vch.tether.config.NetworkEndpoint;
import dev.vch.tether.config.SessionConfig;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/** Turns a Docker create request plus its image into the stored spec and the tether's config. */
public final class ContainerConfigs {
    private ContainerConfigs() {
    }

    /** The spec with the image's defaults filled in (Docker's merge rules). */
    public static ContainerSpec withImageDefaults(ContainerSpec s, Image image) {
        Image.Config ic = image.config() == null
                ? new Image.Config(null, null, null, null, null, null, null, null, null) : image.config();
        List<String> entrypoint = s.entrypoint() != null ? s.entrypoint() : ic.entrypoint();
        // an entrypoint given with the request drops the image's cmd, as in Docker
        List<String> cmd = !s.cmd().isEmpty() ? s.cmd() : s.entrypoint() != null ? List.of() : ic.cmd();
        if (entrypoint.isEmpty() && cmd.isEmpty()) {
            throw PortLayerException.invalid("No command specified");
        }
        Map<String, String> env = new LinkedHashMap<>();
        for (String e : ic.env()) {
            env.put(envName(e), e);
        }
        for (String e : s.env()) {
            env.put(envName(e), e);
        }
        Map<String, String> labels = new HashMap<>(ic.labels());
        labels.putAll(s.labels());
        var exposed = new LinkedHashSet<>(ic.exposedPorts());
        exposed.addAll(s.exposedPorts());
        return new ContainerSpec(s.name(), s.image(), cmd, entrypoint, new ArrayList<>(env.values()),
                blank(s.workingDir()) ? ic.workingDir() : s.workingDir(), blank(s.user()) ? ic.user() : s.user(),
                s.hostname(), s.domainname(), labels, s.tty(), s.openStdin(), s.stdinOnce(), s.attachStdin(),
                s.attachStdout(), s.attachStderr(), exposed, s.binds(), s.portBindings(),
                blank(s.networkMode()) ? "bridge" : s.networkMode(), s.restartPolicy(), s.autoRemove(),
                s.memoryBytes(), s.nanoCpus(), blank(s.stopSignal()) ? blankToNull(ic.stopSignal()) : s.stopSignal(),
                s.stopTimeout(), s.consoleHeight(), s.consoleWidth());
    }

    /** The tether's configuration of the container (main session under the container id). */
    public static ContainerConfig tetherConfig(String id, String name, ContainerSpec spec, byte[] secret,
                                               Instant created, String bridgeNetwork) {
        List<String> argv = new ArrayList<>(spec.entrypoint() == null ? List.of() : spec.entrypoint());
        argv.addAll(spec.cmd());
        Cmd cmd = new Cmd(argv.get(0), argv.subList(1, argv.size()), withPath(spec.env()),
                blank(spec.workingDir()) ? "/" : spec.workingDir());
        SessionConfig session = new SessionConfig(Common.of(id, name), cmd, spec.tty(), true, spec.openStdin(),
                spec.stdinOnce(), blankToNull(spec.user()), spec.stopSignal() == null ? "SIGTERM" : spec.stopSignal(),
                null, null, new Detail(created, null, null));
        Map<String, NetworkEndpoint> nets = new LinkedHashMap<>();
        if (bridgeNetwork != null && !"none".equals(spec.networkMode())) {
            nets.put("bridge", new NetworkEndpoint(Common.of(id, "bridge"), null, false, null, null, true, null,
                    List.of(name), null));
        }
        String hostname = blank(spec.hostname()) ? Names.shortId(id) : spec.hostname();
        return new ContainerConfig(Common.of(id, name), hostname, blankToNull(spec.domainname()), Map.of(id, session),
                null, nets, null, null, null, secret, false);
    }

    /** Docker gives every container a PATH when the image has none. */
    private static List<String> withPath(List<String> env) {
        if (env.stream().anyMatch(e -> e.startsWith("PATH="))) {
            return env;
        }
        List<String> out = new ArrayList<>(env);
        out.add(0, "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin");
        return out;
    }

    private static String envName(String e) {
        int i = e.indexOf('=');
        return i < 0 ? e : e.substring(0, i);
    }

    static boolean blank(String s) {
        return s == null || s.isBlank();
    }

    private static String blankToNull(String s) {
        return blank(s) ? null : s;
    }
}
