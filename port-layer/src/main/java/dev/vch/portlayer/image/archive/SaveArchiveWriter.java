package dev.vch.portlayer.image.archive;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Date;
import java.util.HexFormat;
import java.util.List;

/**
 * Writes a {@code docker save} archive (manifest.json, the config as {@code <id>.json},
 * each layer as {@code <diff hex>/layer.tar}, and the legacy {@code repositories}) with
 * fixed mtimes, so the same inputs give the same bytes. Used for the bundled busybox
 * image, tests and benchmarks.
 */
public final class SaveArchiveWriter {

    private static final Date EPOCH = new Date(0);

    private SaveArchiveWriter() {
    }

    /** {@code layers} are uncompressed tars whose sha256s are the config's diff_ids. */
    public static void write(OutputStream out, byte[] config, List<Path> layers, List<String> repoTags)
            throws IOException {
        String id = ChainIds.hex(ChainIds.sha256(config));
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8");
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        ObjectNode manifest = Json.MAPPER.createObjectNode();
        manifest.put("Config", id + ".json");
        ArrayNode tags = manifest.putArray("RepoTags");
        repoTags.forEach(tags::add);
        ArrayNode layerNames = manifest.putArray("Layers");
        String last = null;
        for (Path layer : layers) {
            String hex = ChainIds.hex(sha256(layer));
            dir(tar, hex + "/");
            try (InputStream in = Files.newInputStream(layer)) {
                file(tar, hex + "/layer.tar", Files.size(layer), in);
            }
            layerNames.add(hex + "/layer.tar");
            last = hex;
        }
        bytes(tar, id + ".json", config);
        bytes(tar, "manifest.json", Json.write(Json.MAPPER.createArrayNode().add(manifest)));
        if (last != null && !repoTags.isEmpty()) {
            ObjectNode repos = Json.MAPPER.createObjectNode();
            for (String t : repoTags) {
                int c = t.lastIndexOf(':');
                ((ObjectNode) repos.with(t.substring(0, c))).put(t.substring(c + 1), last);
            }
            bytes(tar, "repositories", Json.write(repos));
        }
        tar.finish();
        tar.flush();
    }

    /** "sha256:..." of a file's bytes. */
    public static String sha256(Path file) throws IOException {
        try (DigestInputStream in = new DigestInputStream(Files.newInputStream(file),
                MessageDigest.getInstance("SHA-256"))) {
            in.transferTo(OutputStream.nullOutputStream());
            return "sha256:" + HexFormat.of().formatHex(in.getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void dir(TarArchiveOutputStream tar, String name) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(EPOCH);
        e.setMode(040755);
        tar.putArchiveEntry(e);
        tar.closeArchiveEntry();
    }

    private static void bytes(TarArchiveOutputStream tar, String name, byte[] data) throws IOException {
        file(tar, name, data.length, new java.io.ByteArrayInputStream(data));
    }

    private static void file(TarArchiveOutputStream tar, String name, long size, InputStream in) throws IOException {
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setModTime(EPOCH);
        e.setMode(0100644);
        e.setSize(size);
        tar.putArchiveEntry(e);
        in.transferTo(tar);
        tar.closeArchiveEntry();
    }
}
