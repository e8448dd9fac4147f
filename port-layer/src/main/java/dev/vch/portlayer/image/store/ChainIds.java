package dev.vch.portlayer.image.store;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Docker's digests: chain IDs of layer stacks and sha256 of bytes. */
public final class ChainIds {

    private ChainIds() {
    }

    /** chainID(L0) = diffID(L0); chainID(Ln) = sha256(chainID(Ln-1) + " " + diffID(Ln)). */
    public static String next(String parentChainId, String diffId) {
        if (parentChainId == null || parentChainId.isEmpty()) {
            return diffId;
        }
        return sha256((parentChainId + " " + diffId).getBytes(StandardCharsets.UTF_8));
    }

    public static String sha256(byte[] data) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** "sha256:abc..." -> "abc..." (what names directories on the datastore). */
    public static String hex(String digest) {
        int i = digest.indexOf(':');
        return i < 0 ? digest : digest.substring(i + 1);
    }
}
