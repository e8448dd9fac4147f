package dev.vch.portlayer.image.layer;

import dev.vch.portlayer.api.PortLayerException;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;
import org.apache.commons.compress.compressors.xz.XZCompressorInputStream;
import org.apache.commons.compress.compressors.zstandard.ZstdCompressorInputStream;

import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Opens a layer blob whatever its compression (plain, gzip, zstd, bzip2, xz; told apart by
 * magic bytes as Docker does) and digests the uncompressed tar on the way: that digest
 * is the layer's diff_id.
 */
public final class LayerStreams {

    private LayerStreams() {
    }

    /** An uncompressed tar stream whose bytes are digested as they are read. */
    public static final class Digesting extends FilterInputStream {
        private final MessageDigest digest;

        Digesting(InputStream in, MessageDigest digest) {
            super(new DigestInputStream(in, digest));
            this.digest = digest;
        }

        /** Reads whatever is left (tar padding past the end marker) and returns "sha256:...". */
        public String finish() throws IOException {
            byte[] buf = new byte[64 * 1024];
            while (read(buf) >= 0) {
                // the diff_id covers every byte of the tar, trailing zeros included
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        }
    }

    public static Digesting open(InputStream raw) {
        try {
            BufferedInputStream in = new BufferedInputStream(raw, 64 * 1024);
            in.mark(8);
            byte[] m = in.readNBytes(6);
            in.reset();
            InputStream tar;
            if (m.length >= 2 && (m[0] & 0xff) == 0x1f && (m[1] & 0xff) == 0x8b) {
                tar = new GzipCompressorInputStream(in, true);
            } else if (m.length >= 4 && (m[0] & 0xff) == 0x28 && (m[1] & 0xff) == 0xb5 && (m[2] & 0xff) == 0x2f
                    && (m[3] & 0xff) == 0xfd) {
                tar = new ZstdCompressorInputStream(in);
            } else if (m.length >= 3 && m[0] == 'B' && m[1] == 'Z' && m[2] == 'h') {
                tar = new BZip2CompressorInputStream(in, true);
            } else if (m.length >= 6 && (m[0] & 0xff) == 0xfd && m[1] == '7' && m[2] == 'z' && m[3] == 'X') {
                tar = new XZCompressorInputStream(in, true);
            } else {
                tar = in;
            }
            return new Digesting(tar, MessageDigest.getInstance("SHA-256"));
        } catch (IOException | LinkageError e) {
            throw PortLayerException.invalid("Tried to open a layer but could not read its compression: "
                    + e.getMessage());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
