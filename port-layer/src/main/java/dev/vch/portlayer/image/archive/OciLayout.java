package dev.vch.portlayer.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Images of an OCI image layout (index.json, blobs/sha256/...): each manifest of the
 * index (an image index inside is resolved to its linux/amd64 entry), named by its
 * {@code io.containerd.image.name} or {@code org.opencontainers.image.ref.name} annotation.
 */
final class OciLayout {

    private OciLayout() {
    }

    static List<DockerArchive.Entry> read(DockerArchive a) {
        List<DockerArchive.Entry> out = new ArrayList<>();
        for (JsonNode d : a.json("index.json").path("manifests")) {
            JsonNode manifest = resolve(a, d);
            String name = d.path("annotations").path("io.containerd.image.name").asText("");
            if (name.isEmpty()) {
                name = d.path("annotations").path("org.opencontainers.image.ref.name").asText("");
                // a bare ref.name is only a tag; without a repository it names nothing
                name = name.contains(":") || name.contains("/") ? name : "";
            }
            List<Path> layers = new ArrayList<>();
            for (JsonNode l : manifest.path("layers")) {
                layers.add(a.file("blobs/" + l.path("digest").asText().replace(':', '/')));
            }
            byte[] config = a.blob(manifest.path("config").path("digest").asText(), true);
            out.add(new DockerArchive.Entry(config, name.isEmpty() ? List.of() : List.of(name), layers));
        }
        return out;
    }

    private static JsonNode resolve(DockerArchive a, JsonNode descriptor) {
        JsonNode m = parse(a.blob(descriptor.path("digest").asText(), true));
        for (int depth = 0; depth < 4 && m.has("manifests"); depth++) {
            JsonNode pick = null;
            for (JsonNode c : m.path("manifests")) {
                JsonNode p = c.path("platform");
                if (pick == null || ("linux".equals(p.path("os").asText()) && "amd64".equals(p.path("architecture")
                        .asText()))) {
                    pick = c;
                }
            }
            if (pick == null) {
                throw PortLayerException.invalid("invalid archive: empty image index");
            }
            m = parse(a.blob(pick.path("digest").asText(), true));
        }
        return m;
    }

    private static JsonNode parse(byte[] b) {
        try {
            return Json.MAPPER.readTree(b);
        } catch (IOException e) {
            throw PortLayerException.invalid("invalid archive: a manifest is not valid JSON");
        }
    }
}
