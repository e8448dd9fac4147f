package dev.vch.portlayer.image.store;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Reads what the store needs from an image config blob (the JSON whose sha256 is the image ID). */
public final class ImageConfigs {

    private ImageConfigs() {
    }

    public static JsonNode parse(byte[] config) {
        try {
            JsonNode n = Json.MAPPER.readTree(config);
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw PortLayerException.invalid("Tried to read an image config but it is not valid JSON: "
                    + e.getMessage());
        }
    }

    /** rootfs.diff_ids, bottom first. */
    public static List<String> diffIds(JsonNode config) {
        List<String> out = new ArrayList<>();
        for (JsonNode d : config.path("rootfs").path("diff_ids")) {
            String s = d.asText();
            if (!s.matches("sha256:[0-9a-f]{64}")) {
                throw PortLayerException.invalid("invalid diff_id in image config: " + s);
            }
            out.add(s);
        }
        return out;
    }

    public static Instant created(JsonNode config) {
        String c = config.path("created").asText("");
        try {
            return c.isEmpty() ? Instant.EPOCH : Instant.parse(c);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }

    /** The run defaults ("config" object) in the port-layer API's terms. */
    public static Image.Config runConfig(JsonNode config) {
        JsonNode c = config.path("config");
        return new Image.Config(strings(c.path("Cmd")), strings(c.path("Entrypoint")), strings(c.path("Env")),
                c.path("WorkingDir").asText(""), c.path("User").asText(""), keys(c.path("ExposedPorts")),
                keys(c.path("Volumes")), labels(c.path("Labels")), c.path("StopSignal").asText(""));
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static Set<String> keys(JsonNode object) {
        Set<String> out = new LinkedHashSet<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static Map<String, String> labels(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
