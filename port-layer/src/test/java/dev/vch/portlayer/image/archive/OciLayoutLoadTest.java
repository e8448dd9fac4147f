package dev.vch.portlayer.image.archive;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.image.ImageStore;
import dev.vch.portlayer.image.TarBuilder;
import dev.vch.portlayer.image.TestImages;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An OCI image layout (newer docker save) with gzip and zstd layers; diff_ids are of the uncompressed tars. */
class OciLayoutLoadTest {

    @TempDir
    Path tmp;

    @Test
    void loadsAnOciLayoutWithCompressedLayers() throws IOException {
        byte[] l1 = new TarBuilder().file("a", "gzip layer").build();
        byte[] l2 = new TarBuilder().file("b", "zstd layer").build();
        byte[] config = TestImages.config(List.of(l1, l2), "oci");
        byte[] gz = compress(l1, false);
        byte[] zst = compress(l2, true);

        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("schemaVersion", 2);
        manifest.put("mediaType", "application/vnd.oci.image.manifest.v1+json");
        manifest.putObject("config").put("digest", ChainIds.sha256(config)).put("size", config.length);
        manifest.putArray("layers").addObject().put("digest", ChainIds.sha256(gz))
                .put("mediaType", "application/vnd.oci.image.layer.v1.tar+gzip");
        ((com.fasterxml.jackson.databind.node.ArrayNode) manifest.get("layers")).addObject()
                .put("digest", ChainIds.sha256(zst)).put("mediaType", "application/vnd.oci.image.layer.v1.tar+zstd");
        byte[] m = Json.write(manifest);
        ObjectNode index = Json.MAPPER.createObjectNode();
        index.put("schemaVersion", 2);
        ObjectNode d = index.putArray("manifests").addObject();
        d.put("digest", ChainIds.sha256(m)).put("size", m.length);
        d.putObject("annotations").put("io.containerd.image.name", "docker.io/library/ocitest:1")
                .put("org.opencontainers.image.ref.name", "1");

        ByteArrayOutputStream archive = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(archive)) {
            put(tar, "oci-layout", "{\"imageLayoutVersion\":\"1.0.0\"}".getBytes());
            put(tar, "index.json", Json.write(index));
            for (byte[] blob : List.of(config, gz, zst, m)) {
                put(tar, "blobs/sha256/" + ChainIds.hex(ChainIds.sha256(blob)), blob);
            }
        }
        ImageStore store = new ImageStore(new LocalDirDatastore(tmp.resolve("ds"), "ds1"), "s", tmp.resolve("w"),
                64L * 1024 * 1024).start();
        assertThat(store.load(new ByteArrayInputStream(archive.toByteArray()), null)).containsExactly("ocitest:1");
        assertThat(store.inspect("ocitest:1").id()).isEqualTo(ChainIds.sha256(config));
        assertThat(store.record("ocitest:1").chainIds().getFirst()).isEqualTo(ChainIds.sha256(l1));
    }

    private static byte[] compress(byte[] data, boolean zstd) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream c = zstd ? new ZstdCompressorOutputStream(out) : new GzipCompressorOutputStream(out)) {
            c.write(data);
        }
        return out.toByteArray();
    }

    private static void put(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(data.length);
        tar.putArchiveEntry(e);
        tar.write(data);
        tar.closeArchiveEntry();
    }
}
