package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A content descriptor from a manifest or index: what a blob or child manifest is, its
 * digest and size, and for index entries the platform.
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform, List<String> urls) {

    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

    public Descriptor {
        urls = urls == null ? List.of() : List.copyOf(urls);
    }

    static Descriptor from(JsonNode n, String where) {
        String digest = n.path("digest").asText("");
        if (!DIGEST.matcher(digest).matches()) {
            throw PortLayerException.invalid("Tried to read the " + where + " but it names an unsupported or invalid"
                    + " digest \"" + digest + "\"");
        }
        long size = n.path("size").asLong(-1);
        if (size < 0) {
            throw PortLayerException.invalid("Tried to read the " + where + " but a descriptor has no valid size");
        }
        JsonNode p = n.get("platform");
        Platform platform = p == null ? null : new Platform(p.path("os").asText(""),
                p.path("architecture").asText(""), p.path("variant").asText(""));
        List<String> urls = n.path("urls").isArray()
                ? java.util.stream.StreamSupport.stream(n.get("urls").spliterator(), false).map(JsonNode::asText).toList()
                : List.of();
        return new Descriptor(n.path("mediaType").asText(""), digest, size, platform, urls);
    }

    /** The 12 hex characters Docker shows for a layer. */
    public String shortId() {
        return digest.substring(7, 19);
    }

    /** os/architecture[/variant] of an index entry. */
    public record Platform(String os, String architecture, String variant) {
        /** "linux/amd64", "linux/arm64/v8". */
        public static Platform parse(String s) {
            String[] p = s.split("/");
            if (p.length < 2 || p.length > 3 || p[0].isEmpty() || p[1].isEmpty()) {
                throw PortLayerException.invalid("\"" + s + "\": unknown operating system or architecture: invalid"
                        + " argument");
            }
            return new Platform(p[0], p[1], p.length == 3 ? p[2] : "");
        }

        @Override
        public String toString() {
            return os + "/" + architecture + (variant.isEmpty() ? "" : "/" + variant);
        }
    }
}
