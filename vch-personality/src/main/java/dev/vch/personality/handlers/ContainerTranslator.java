package dev.vch.personality.handlers;

import dev.vch.personality.dto.ContainerConfigDto;
import dev.vch.personality.dto.ContainerInspectDto;
import dev.vch.personality.dto.ContainerSummaryDto;
import dev.vch.personality.dto.HostConfigDto;
import dev.vch.personality.dto.Times;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ContainerStatus;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Docker container DTOs to and from the port layer's domain records. */
final class ContainerTranslator {
    private static final Pattern NAME = Pattern.compile("^/?[a-zA-Z0-9][a-zA-Z0-9_.-]+$");

    private ContainerTranslator() {
    }

    static ContainerSpec toSpec(String name, ContainerConfigDto c) {
        if (c == null) {
            throw DockerApiException.badRequest("Config cannot be empty in order to create a container");
        }
        if (name != null && !name.isEmpty() && !NAME.matcher(name).matches()) {
            throw DockerApiException.badRequest("Invalid container name (" + name
                    + "), only [a-zA-Z0-9][a-zA-Z0-9_.-] are allowed");
        }
        if (c.image() == null || c.image().isBlank()) {
            throw DockerApiException.badRequest("No image specified");
        }
        HostConfigDto h = c.hostConfig() == null
                ? new HostConfigDto(null, null, null, null, false, 0, 0, null, null) : c.hostConfig();
        if (h.memory() < 0 || h.nanoCpus() < 0) {
            throw DockerApiException.badRequest("invalid resources: Memory and NanoCpus must not be negative");
        }
        List<ContainerSpec.PortBinding> ports = new ArrayList<>();
        if (h.portBindings() != null) {
            h.portBindings().forEach((key, bindings) -> {
                int slash = key.indexOf('/');
                int port = parsePort(slash < 0 ? key : key.substring(0, slash));
                String proto = slash < 0 ? "tcp" : key.substring(slash + 1);
                for (HostConfigDto.PortBinding b : bindings == null ? List.<HostConfigDto.PortBinding>of() : bindings) {
                    int hostPort = b.hostPort() == null || b.hostPort().isEmpty() ? 0 : parsePort(b.hostPort());
                    ports.add(new ContainerSpec.PortBinding(port, proto, b.hostIp(), hostPort));
                }
            });
        }
        var restart = h.restartPolicy() == null || h.restartPolicy().name() == null
                ? ContainerSpec.RestartPolicy.NONE
                : new ContainerSpec.RestartPolicy(h.restartPolicy().name(), h.restartPolicy().maximumRetryCount());
        int rows = h.consoleSize() != null && h.consoleSize().size() == 2 ? h.consoleSize().get(0) : 0;
        int cols = h.consoleSize() != null && h.consoleSize().size() == 2 ? h.consoleSize().get(1) : 0;
        String network = h.networkMode() == null || h.networkMode().isEmpty() || h.networkMode().equals("default")
                ? "bridge" : h.networkMode();
        return new ContainerSpec(name == null || name.isEmpty() ? null : name.replaceFirst("^/", ""),
                given(c.image()), c.cmd(), c.entrypoint(), c.env(), c.workingDir(),
                c.user(), c.hostname(), c.domainname(), c.labels(), c.tty(), c.openStdin(), c.stdinOnce(),
                c.attachStdin(), c.attachStdout(), c.attachStderr(),
                c.exposedPorts() == null ? null : c.exposedPorts().keySet(), h.binds(), ports, network, restart,
                h.autoRemove(), h.memory(), h.nanoCpus(), c.stopSignal(), c.stopTimeout(), rows, cols);
    }

    private static int parsePort(String s) {
        try {
            int p = Integer.parseInt(s);
            if (p >= 0 && p <= 65535) {
                return p;
            }
        } catch (NumberFormatException e) {
            // fall through to the error
        }
        throw DockerApiException.badRequest("invalid port specification: \"" + s + "\"");
    }

    static ContainerSummaryDto toSummary(Container c) {
        return toSummary(c, Instant.now());
    }

    static ContainerSummaryDto toSummary(Container c, Instant now) {
        var s = c.spec();
        List<ContainerSummaryDto.Port> ports = new ArrayList<>();
        for (var b : s.portBindings()) {
            ports.add(new ContainerSummaryDto.Port(b.hostIp() == null ? "0.0.0.0" : b.hostIp(), b.containerPort(),
                    b.hostPort() == 0 ? null : b.hostPort(), b.protocol()));
        }
        Map<String, Object> networks = new LinkedHashMap<>();
        for (var n : c.networks()) {
            networks.put(n.network(), endpoint(n));
        }
        return new ContainerSummaryDto(c.id(), List.of("/" + c.name()), shown(s.image()),
                c.imageId(), summaryCommand(c.commandLine()), Times.unix(c.created()), ports, s.labels(),
                c.state().status().dockerName(), statusText(c, now), Map.of("NetworkMode", s.networkMode()),
                Map.of("Networks", networks), List.of());
    }

    /**
     * The image as the client named it, which dockerd keeps as Config.Image and shows in ps
     * ("busybox", "busybox:1.36", an image ID); checked for a valid reference first.
     */
    private static String given(String image) {
        if (image == null || !Images.ID.matcher(image).matches()) {
            ImageReference.parse(image);
        }
        return image;
    }

    /** Config.Image of a container: as given; containers created before it was kept in their familiar form. */
    static String shown(String image) {
        return image.startsWith("docker.io/") ? ImageReference.parse(image).familiar() : image;
    }

    /** dockerd's ps COMMAND: the path, then the arguments, those with a space in single quotes. */
    static String summaryCommand(List<String> line) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < line.size(); i++) {
            String a = line.get(i);
            out.add(i > 0 && a.contains(" ") ? "'" + a + "'" : a);
        }
        return String.join(" ", out);
    }

    static ContainerInspectDto toInspect(Container c) {
        var s = c.spec();
        var st = c.state();
        List<String> line = c.commandLine();
        var config = new ContainerConfigDto(s.hostname() == null ? c.id().substring(0, 12) : s.hostname(),
                s.domainname() == null ? "" : s.domainname(), s.user() == null ? "" : s.user(), s.attachStdin(),
                s.attachStdout(), s.attachStderr(), toMap(s.exposedPorts()), s.tty(), s.openStdin(), s.stdinOnce(),
                s.env(), s.cmd(), shown(s.image()), null,
                s.workingDir() == null ? "" : s.workingDir(), s.entrypoint(), s.labels(), s.stopSignal(),
                s.stopTimeout(), null, null);
        Map<String, List<HostConfigDto.PortBinding>> bindings = new LinkedHashMap<>();
        for (var b : s.portBindings()) {
            bindings.computeIfAbsent(b.containerPort() + "/" + b.protocol(), k -> new ArrayList<>())
                    .add(new HostConfigDto.PortBinding(b.hostIp() == null ? "" : b.hostIp(),
                            b.hostPort() == 0 ? "" : Integer.toString(b.hostPort())));
        }
        var host = new HostConfigDto(s.binds(), s.networkMode(), bindings,
                new HostConfigDto.RestartPolicy(s.restartPolicy().name(), s.restartPolicy().maximumRetryCount()),
                s.autoRemove(), s.memoryBytes(), s.nanoCpus(),
                List.of(s.consoleHeight(), s.consoleWidth()), new HostConfigDto.LogConfig("json-file", Map.of()));
        Map<String, ContainerInspectDto.Endpoint> networks = new LinkedHashMap<>();
        c.networks().forEach(n -> networks.put(n.network(), endpoint(n)));
        var first = c.networks().isEmpty() ? null : c.networks().getFirst();
        var netSettings = new ContainerInspectDto.NetworkSettings(bindings,
                first == null ? "" : first.ipAddress(), first == null ? 0 : first.ipPrefixLen(),
                first == null ? "" : first.gateway(), first == null ? "" : first.macAddress(), networks);
        var state = new ContainerInspectDto.State(st.status().dockerName(), st.running(),
                st.status() == ContainerStatus.PAUSED, st.status() == ContainerStatus.RESTARTING, st.oomKilled(),
                st.status() == ContainerStatus.DEAD, st.pid(), st.exitCode(), st.error(),
                Times.rfc3339(st.startedAt()), Times.rfc3339(st.finishedAt()));
        return new ContainerInspectDto(c.id(), Times.rfc3339(c.created()), line.isEmpty() ? "" : line.getFirst(),
                line.isEmpty() ? List.of() : line.subList(1, line.size()), state, c.imageId(), "", "", "", "",
                "/" + c.name(), c.restartCount(), "vsphere", "linux", "", "", "", host, List.of(), config,
                netSettings);
    }

    private static ContainerInspectDto.Endpoint endpoint(Container.NetworkEndpoint n) {
        return new ContainerInspectDto.Endpoint(n.networkId(), n.endpointId(), n.gateway(), n.ipAddress(),
                n.ipPrefixLen(), n.macAddress());
    }

    private static Map<String, Object> toMap(java.util.Set<String> keys) {
        Map<String, Object> m = new LinkedHashMap<>();
        keys.stream().sorted().forEach(k -> m.put(k, Map.of()));
        return m;
    }

    /** "Up 3 minutes", "Exited (0) 2 seconds ago", "Created": the STATUS column of docker ps. */
    static String statusText(Container c, Instant now) {
        var st = c.state();
        return switch (st.status()) {
            case CREATED -> "Created";
            case RUNNING -> "Up " + HumanDuration.of(since(st.startedAt(), now));
            case PAUSED -> "Up " + HumanDuration.of(since(st.startedAt(), now)) + " (Paused)";
            case RESTARTING -> "Restarting (" + st.exitCode() + ") " + HumanDuration.of(since(st.finishedAt(), now))
                    + " ago";
            case REMOVING -> "Removal In Progress";
            case DEAD -> "Dead";
            case EXITED -> st.finishedAt() == null ? "Exited (" + st.exitCode() + ")"
                    : "Exited (" + st.exitCode() + ") " + HumanDuration.of(since(st.finishedAt(), now)) + " ago";
        };
    }

    private static Duration since(Instant t, Instant now) {
        return t == null ? Duration.ZERO : Duration.between(t, now);
    }
}
