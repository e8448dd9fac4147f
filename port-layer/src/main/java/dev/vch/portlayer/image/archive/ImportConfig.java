package dev.vch.portlayer.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * The config of a {@code docker import}ed image: one layer, run defaults from the
 * {@code changes} (Dockerfile instructions CMD, ENTRYPOINT, ENV, EXPOSE, LABEL, USER,
 * VOLUME, WORKDIR, STOPSIGNAL), the message as comment. HEALTHCHECK and ONBUILD, valid in
 * Docker, answer not implemented; anything else is Docker's "X is not a valid change command".
 */
public final class ImportConfig {

    private ImportConfig() {
    }

    public static byte[] build(String diffId, List<String> changes, String message, Instant created) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", "amd64");
        if (message != null && !message.isEmpty()) {
            root.put("comment", message);
        }
        ObjectNode config = root.putObject("config");
        for (String change : changes == null ? List.<String>of() : changes) {
            apply(config, change.strip());
        }
        root.put("created", created.toString());
        ObjectNode history = root.putArray("history").addObject();
        history.put("created", created.toString());
        history.put("comment", message == null || message.isEmpty() ? "Imported from -" : message);
        root.put("os", "linux");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        return Json.write(root);
    }

    static void apply(ObjectNode config, String change) {
        if (change.isEmpty()) {
            return;
        }
        String[] kv = change.split("\\s+", 2);
        String cmd = kv[0].toUpperCase(Locale.ROOT);
        String arg = kv.length > 1 ? kv[1].strip() : "";
        switch (cmd) {
            case "CMD" -> config.set("Cmd", command(arg, true));
            case "ENTRYPOINT" -> config.set("Entrypoint", command(arg, true));
            case "ENV" -> env(config, arg);
            case "EXPOSE" -> {
                ObjectNode ports = config.has("ExposedPorts") ? (ObjectNode) config.get("ExposedPorts")
                        : config.putObject("ExposedPorts");
                for (String p : arg.split("\\s+")) {
                    if (!p.matches("\\d+(-\\d+)?(/(tcp|udp|sctp))?")) {
                        throw PortLayerException.invalid("invalid containerPort: " + p);
                    }
                    ports.putObject(p.contains("/") ? p : p + "/tcp");
                }
            }
            case "LABEL" -> pairs(config, "Labels", arg, false);
            case "USER" -> config.put("User", arg);
            case "WORKDIR" -> config.put("WorkingDir", arg);
            case "STOPSIGNAL" -> config.put("StopSignal", arg);
            case "VOLUME" -> {
                ObjectNode vols = config.has("Volumes") ? (ObjectNode) config.get("Volumes")
                        : config.putObject("Volumes");
                command(arg, false).forEach(v -> vols.putObject(v.asText()));
            }
            case "HEALTHCHECK", "ONBUILD" ->
                    throw PortLayerException.notImplemented(cmd + " in import changes is not implemented");
            default -> throw PortLayerException.invalid(kv[0] + " is not a valid change command");
        }
    }

    /** JSON form ["a","b"], else shell form: sh -c for CMD/ENTRYPOINT, words for VOLUME. */
    private static ArrayNode command(String arg, boolean shell) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        if (arg.startsWith("[")) {
            try {
                JsonNode n = Json.MAPPER.readTree(arg);
                if (n.isArray()) {
                    n.forEach(x -> out.add(x.asText()));
                    return out;
                }
            } catch (IOException e) {
                // not JSON: Docker falls back to the shell form too
            }
        }
        if (shell) {
            out.add("/bin/sh").add("-c").add(arg);
        } else {
            for (String w : arg.split("\\s+")) {
                out.add(w);
            }
        }
        return out;
    }

    private static void env(ObjectNode config, String arg) {
        ArrayNode env = config.has("Env") ? (ArrayNode) config.get("Env") : config.putArray("Env");
        ObjectNode tmp = Json.MAPPER.createObjectNode();
        pairs(tmp, "E", arg, true);
        tmp.path("E").fields().forEachRemaining(e -> {
            for (int i = 0; i < env.size(); i++) {
                if (env.get(i).asText().startsWith(e.getKey() + "=")) {
                    env.remove(i);
                    break;
                }
            }
            env.add(e.getKey() + "=" + e.getValue().asText());
        });
    }

    /** "k=v k2="v 2"" or the legacy "k v" form (only when {@code legacy} and no '='). */
    private static void pairs(ObjectNode parent, String field, String arg, boolean legacy) {
        ObjectNode map = parent.has(field) ? (ObjectNode) parent.get(field) : parent.putObject(field);
        if (arg.isEmpty()) {
            throw PortLayerException.invalid("missing arguments in change: " + field);
        }
        String[] first = arg.split("\\s+", 2);
        if (legacy && !first[0].contains("=")) {
            map.put(first[0], first.length > 1 ? first[1] : "");
            return;
        }
        var m = java.util.regex.Pattern.compile("([^\\s=]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|\\S*)").matcher(arg);
        int end = 0;
        while (m.find()) {
            if (!arg.substring(end, m.start()).isBlank()) {
                throw PortLayerException.invalid("invalid change syntax: " + arg);
            }
            map.put(m.group(1), m.group(3) != null ? m.group(3).replaceAll("\\\\(.)", "$1") : m.group(2));
            end = m.end();
        }
        if (end == 0 || !arg.substring(end).isBlank()) {
            throw PortLayerException.invalid("invalid change syntax: " + arg);
        }
    }
}
