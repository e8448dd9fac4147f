package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a raw manifest into the model: an image manifest (Docker schema2, OCI) or an index
 * (Docker manifest list, OCI index) whose entry for a platform is chosen here. Schema 1 is
 * refused, as current Docker engines do.
 */
final class ManifestTranslator {

    /** Docker's own ceiling on layers in an image. */
    static final int MAX_LAYERS = 128;

    private ManifestTranslator() {
    }

    static JsonNode json(ManifestPuller.RawManifest raw, String what) {
        try {
            JsonNode n = Json.MAPPER.readTree(raw.bytes());
            if (n == null || !n.isObject()) {
                throw new IOException("not a JSON object");
            }
            return n;
        } catch (IOException e) {
            throw PortLayerException.invalid("Tried to read the manifest of " + what + " but it is not valid JSON: "
                    + e.getMessage());
        }
    }

    /** The media type: Content-Type, else the manifest's own mediaType, else by shape. */
    static String mediaType(ManifestPuller.RawManifest raw, JsonNode n) {
        String declared = n.path("mediaType").asText("");
        if (!declared.isEmpty()) {
            return declared;
        }
        if (!raw.mediaType().isEmpty() && !raw.mediaType().equals("application/json")) {
            return raw.mediaType();
        }
        if (n.path("schemaVersion").asInt() == 1) {
            return MediaTypes.DOCKER_SCHEMA1;
        }
        return n.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }

    static boolean isIndex(String mediaType) {
        return mediaType.equals(MediaTypes.DOCKER_LIST) || mediaType.equals(MediaTypes.OCI_INDEX);
    }

    /** The entry of an index for {@code platform}; Docker's error when there is none. */
    static Descriptor select(JsonNode index, Descriptor.Platform platform, String what) {
        List<Descriptor> candidates = new ArrayList<>();
        for (JsonNode m : index.path("manifests")) {
            Descriptor d = Descriptor.from(m, "manifest list of " + what);
            Descriptor.Platform p = d.platform();
            if (p != null && p.os().equals(platform.os()) && p.architecture().equals(platform.architecture())
                    && (platform.variant().isEmpty() || platform.variant().equals(p.variant()))
                    && !isIndex(d.mediaType())) {
                candidates.add(d);
            }
        }
        if (candidates.isEmpty()) {
            throw PortLayerException.notFound("no matching manifest for " + platform
                    + " in the manifest list entries");
        }
        return candidates.getFirst();
    }

    static ImageManifest image(String topDigest, String mediaType, JsonNode n, String what) {
        if (mediaType.equals(MediaTypes.DOCKER_SCHEMA1) || mediaType.equals(MediaTypes.DOCKER_SCHEMA1_SIGNED)) {
            throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker pull of"
                    + " schema 1 manifests (" + what + ")");
        }
        if (!mediaType.equals(MediaTypes.DOCKER_MANIFEST) && !mediaType.equals(MediaTypes.OCI_MANIFEST)) {
            throw PortLayerException.invalid("Tried to pull " + what + " but failed because its manifest has the"
                    + " unsupported media type " + mediaType);
        }
        if (!n.path("config").isObject() || !n.path("layers").isArray()) {
            throw PortLayerException.invalid("Tried to read the manifest of " + what
                    + " but failed because it has no config or no layers");
        }
        Descriptor config = Descriptor.from(n.get("config"), "manifest of " + what);
        if (!config.mediaType().isEmpty() && !MediaTypes.CONFIGS.contains(config.mediaType())) {
            throw PortLayerException.invalid("Tried to pull " + what + " but failed because it is not a container"
                    + " image (config media type " + config.mediaType() + ")");
        }
        List<Descriptor> layers = new ArrayList<>();
        for (JsonNode l : n.get("layers")) {
            Descriptor d = Descriptor.from(l, "manifest of " + what);
            if (MediaTypes.FOREIGN_LAYERS.contains(d.mediaType())) {
                throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker pull"
                        + " of images with foreign layers (" + what + ")");
            }
            if (!d.mediaType().isEmpty() && !MediaTypes.LAYERS.contains(d.mediaType())) {
                throw PortLayerException.invalid("Tried to pull " + what + " but failed because a layer has the"
                        + " unsupported media type " + d.mediaType());
            }
            layers.add(d);
        }
        if (layers.size() > MAX_LAYERS) {
            throw PortLayerException.invalid("Tried to pull " + what + " but failed because it has " + layers.size()
                    + " layers, more than the " + MAX_LAYERS + " allowed");
        }
        return new ImageManifest(topDigest, mediaType, config, layers);
    }
}
