package dev.vch.portlayer.image.layer;

import dev.vch.portlayer.image.disk.DebugfsScript;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Owner, mode, mtime and xattrs of entries, set on the inode with debugfs (never chown on
 * the host). Directory metadata is applied when the layer ends, because creating children
 * after the directory entry would otherwise be free to disturb it.
 */
final class EntryMetadata {

    private static final Logger LOG = LoggerFactory.getLogger(EntryMetadata.class);
    private static final String SCHILY = "SCHILY.xattr.";
    private static final String LIBARCHIVE = "LIBARCHIVE.xattr.";

    private record Meta(long uid, long gid, int mode, long mtime, Map<String, byte[]> xattrs) {
    }

    private final DebugfsScript script;
    private final Path staging;
    private final TreeMap<String, Meta> directories = new TreeMap<>();
    private long values;

    EntryMetadata(DebugfsScript script, Path staging) {
        this.script = script;
        this.staging = staging;
    }

    /** Sets the metadata of a non-directory entry now; {@code typeBits} is S_IF*. */
    void apply(String path, TarArchiveEntry e, int typeBits) throws IOException {
        int perms = typeBits == 0120000 ? 0777 : (e.getMode() & 07777);
        emit(path, new Meta(e.getLongUserId(), e.getLongGroupId(), typeBits | perms, seconds(e), xattrs(e)));
    }

    void directory(String path, TarArchiveEntry e) {
        directories.put(path, new Meta(e.getLongUserId(), e.getLongGroupId(), 040000 | (e.getMode() & 07777),
                seconds(e), xattrs(e)));
    }

    /** A parent the tar did not list: 0755 root, as Docker makes it. */
    void implicitDirectory(String path) {
        directories.putIfAbsent(path, new Meta(0, 0, 040755, -1, Map.of()));
    }

    /** The path (and what was below it) is gone; drop its pending directory metadata. */
    void forget(String path) {
        directories.remove(path);
        directories.subMap(path + "/", path + "0").clear();
    }

    void finishDirectories() throws IOException {
        for (var d : directories.entrySet()) {
            emit(d.getKey(), d.getValue());
        }
        directories.clear();
    }

    private void emit(String path, Meta m) throws IOException {
        String abs = LayerPath.absolute(path);
        script.sif(abs, "uid", Long.toString(m.uid()));
        script.sif(abs, "gid", Long.toString(m.gid()));
        script.sif(abs, "mode", "0" + Integer.toOctalString(m.mode()));
        if (m.mtime() >= 0) {
            script.sif(abs, "mtime", "@" + m.mtime());
        }
        for (var x : m.xattrs().entrySet()) {
            Path value = staging.resolve("x" + (values++));
            Files.write(value, x.getValue());
            script.eaSet(abs, x.getKey(), value);
        }
    }

    private static long seconds(TarArchiveEntry e) {
        long s = e.getModTime().getTime() / 1000;
        return Math.max(0, Math.min(s, 0xffffffffL));
    }

    /**
     * PAX xattrs. LIBARCHIVE.xattr values are base64 and exact; commons-compress decodes
     * SCHILY.xattr values as UTF-8, so a binary value that did not survive (U+FFFD) is
     * skipped with a warning rather than written wrong.
     */
    private static Map<String, byte[]> xattrs(TarArchiveEntry e) {
        Map<String, byte[]> out = new TreeMap<>();
        for (var h : e.getExtraPaxHeaders().entrySet()) {
            String key = h.getKey();
            if (key.startsWith(LIBARCHIVE)) {
                String name = URLDecoder.decode(key.substring(LIBARCHIVE.length()), StandardCharsets.UTF_8);
                put(out, name, Base64.getDecoder().decode(h.getValue().strip()), e);
            } else if (key.startsWith(SCHILY)) {
                if (h.getValue().indexOf('\uFFFD') >= 0) {
                    LOG.warn("skipping binary xattr {} of {}: not representable after UTF-8 decoding", key, e.getName());
                    continue;
                }
                put(out, key.substring(SCHILY.length()), h.getValue().getBytes(StandardCharsets.UTF_8), e);
            }
        }
        return out;
    }

    private static void put(Map<String, byte[]> out, String name, byte[] value, TarArchiveEntry e) {
        if (name.startsWith("user.") || name.startsWith("security.") || name.startsWith("trusted.")) {
            LayerPath.checkCharacters(name, e.getName());
            out.put(name, value);
        } else {
            LOG.warn("skipping xattr {} of {}: namespace not kept in images", name, e.getName());
        }
    }
}
