package dev.vch.portlayer.image.archive;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.layer.LayerPath;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@code docker save} archive (or {@code docker load} input): manifest.json (Config,
 * RepoTags, Layers) as every Docker since 1.10 writes it, or an OCI image layout
 * (oci-layout, index.json) as newer ones add. The archive is spooled to a private temp
 * directory first, because its members come in no useful order; nothing of it is held in
 * memory but the small JSON files. Pre-1.10 archives (only {@code repositories} and v1
 * layer JSON) are refused as not implemented.
 */
public final class DockerArchive implements Closeable {

    /** One image in the archive: its config bytes, names, and layer blobs bottom first. */
    public record Entry(byte[] config, List<String> repoTags, List<Path> layers) {
    }

    private static final int MAX_JSON = 8 * 1024 * 1024;

    private final Path dir;
    private final Map<String, Path> files = new HashMap<>();
    private final Map<String, String> links = new HashMap<>();

    private DockerArchive(Path dir) {
        this.dir = dir;
    }

    /** Spools the archive; INVALID when it is not a tar. */
    public static DockerArchive spool(InputStream in, Path tempParent) {
        DockerArchive a;
        try {
            Files.createDirectories(tempParent);
            a = new DockerArchive(Files.createTempDirectory(tempParent, "load"));
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot create a load directory", e);
        }
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(in, "UTF-8");
            TarArchiveEntry e;
            int n = 0;
            while ((e = tar.getNextEntry()) != null) {
                String name = LayerPath.clean(e.getName());
                if (e.isSymbolicLink()) {
                    a.links.put(name, LayerPath.clean(LayerPath.join(LayerPath.parent(name), e.getLinkName())
                            .replaceAll("[^/]+/\\.\\./", "")));
                } else if (!e.isDirectory() && !e.isLink()) {
                    Path f = a.dir.resolve("m" + (n++));
                    try (OutputStream out = Files.newOutputStream(f)) {
                        tar.transferTo(out);
                    }
                    a.files.put(name, f);
                }
            }
            return a;
        } catch (IOException | IllegalArgumentException | PortLayerException e) {
            a.close();
            throw PortLayerException.invalid("Tried to load an image archive but it is not a valid tar: "
                    + e.getMessage());
        }
    }

    /** The images the archive holds. */
    public List<Entry> images() {
        if (files.containsKey("manifest.json")) {
            return fromDockerManifest();
        }
        if (files.containsKey("index.json")) {
            return OciLayout.read(this);
        }
        if (files.containsKey("repositories")) {
            throw PortLayerException.notImplemented("Loading a legacy (pre-Docker 1.10) archive without "
                    + "manifest.json is not implemented");
        }
        throw PortLayerException.invalid("invalid archive: no manifest.json or index.json found");
    }

    private List<Entry> fromDockerManifest() {
        JsonNode manifest = json("manifest.json");
        if (!manifest.isArray()) {
            throw PortLayerException.invalid("invalid archive: manifest.json is not a list");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode m : manifest) {
            List<String> tags = new ArrayList<>();
            m.path("RepoTags").forEach(t -> tags.add(t.asText()));
            List<Path> layers = new ArrayList<>();
            m.path("Layers").forEach(l -> layers.add(file(l.asText())));
            out.add(new Entry(bytes(m.path("Config").asText()), tags, layers));
        }
        return out;
    }

    /** A member by name, following in-archive symlinks; INVALID when missing. */
    Path file(String name) {
        String n = LayerPath.clean(name);
        for (int hops = 0; hops < 8 && !files.containsKey(n) && links.containsKey(n); hops++) {
            n = links.get(n);
        }
        Path p = files.get(n);
        if (p == null) {
            throw PortLayerException.invalid("invalid archive: " + name + " is missing");
        }
        return p;
    }

    /** A small member's bytes (configs, manifests). */
    byte[] bytes(String name) {
        Path p = file(name);
        try {
            if (Files.size(p) > MAX_JSON) {
                throw PortLayerException.invalid("invalid archive: " + name + " is larger than " + MAX_JSON);
            }
            return Files.readAllBytes(p);
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot read spooled " + name, e);
        }
    }

    JsonNode json(String name) {
        try {
            return Json.MAPPER.readTree(bytes(name));
        } catch (IOException e) {
            throw PortLayerException.invalid("invalid archive: " + name + " is not valid JSON");
        }
    }

    /** A blob of an OCI layout by digest, checked when small enough to read. */
    byte[] blob(String digest, boolean verify) {
        byte[] b = bytes("blobs/" + digest.replace(':', '/'));
        if (verify && !ChainIds.sha256(b).equals(digest)) {
            throw PortLayerException.invalid("invalid archive: blob " + digest + " does not match its digest");
        }
        return b;
    }

    @Override
    public void close() {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException ignored) {
            // a leftover spool directory is only disk space
        }
    }
}
