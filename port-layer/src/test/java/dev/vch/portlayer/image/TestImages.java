package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.image.archive.SaveArchiveWriter;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** docker save archives for tests. */
public final class TestImages {

    private TestImages() {
    }

    /** A config for {@code layers} with Cmd and a label {@code variant} (to vary the ID). */
    public static byte[] config(List<byte[]> layers, String variant) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", "amd64");
        ObjectNode c = root.putObject("config");
        c.putArray("Cmd").add("sh");
        c.putArray("Env").add("PATH=/usr/sbin:/usr/bin:/sbin:/bin");
        c.putObject("Labels").put("variant", variant);
        c.putObject("ExposedPorts").putObject("80/tcp");
        c.put("WorkingDir", "/srv");
        root.put("created", "2024-01-02T03:04:05Z");
        root.put("os", "linux");
        var history = root.putArray("history");
        for (int i = 0; i < layers.size(); i++) {
            history.addObject().put("created", "2024-01-02T03:04:05Z").put("created_by", "ADD layer" + i + " /");
        }
        history.addObject().put("created", "2024-01-02T03:04:06Z").put("created_by", "CMD [\"sh\"]")
                .put("empty_layer", true);
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        var ids = rootfs.putArray("diff_ids");
        layers.forEach(l -> ids.add(ChainIds.sha256(l)));
        return Json.write(root);
    }

    public static Path archive(Path dir, byte[] config, List<byte[]> layers, List<String> tags) throws IOException {
        Files.createDirectories(dir);
        List<Path> files = new ArrayList<>();
        for (byte[] l : layers) {
            Path f = Files.createTempFile(dir, "layer", ".tar");
            Files.write(f, l);
            files.add(f);
        }
        Path out = Files.createTempFile(dir, "save", ".tar");
        try (OutputStream o = Files.newOutputStream(out)) {
            SaveArchiveWriter.write(o, config, files, tags);
        }
        return out;
    }
}
