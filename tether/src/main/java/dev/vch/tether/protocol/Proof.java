package dev.vch.tether.protocol;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The hello's proof of the per-container secret: HMAC-SHA256 over a label, the container id and
 * both nonces. The host nonce is fresh per handshake, so a recorded proof is useless later; the
 * host answers with its own MAC (other label) so the guest knows it talks to the VCH.
 */
final class Proof {

    static final int NONCE_BYTES = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private Proof() {
    }

    static byte[] nonce() {
        byte[] n = new byte[NONCE_BYTES];
        RANDOM.nextBytes(n);
        return n;
    }

    static byte[] guestMac(byte[] secret, String containerId, byte[] guestNonce, byte[] hostNonce) {
        return mac(secret, "vch-link-1 guest", containerId, guestNonce, hostNonce);
    }

    static byte[] hostMac(byte[] secret, String containerId, byte[] guestNonce, byte[] hostNonce) {
        return mac(secret, "vch-link-1 host", containerId, guestNonce, hostNonce);
    }

    static boolean matches(byte[] expected, byte[] actual) {
        return actual != null && MessageDigest.isEqual(expected, actual);
    }

    private static byte[] mac(byte[] secret, String label, String containerId, byte[] guestNonce, byte[] hostNonce) {
        if (secret == null || secret.length == 0) {
            throw new IllegalArgumentException("the link secret is empty");
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            byte[] id = containerId.getBytes(StandardCharsets.UTF_8);
            mac.update(label.getBytes(StandardCharsets.UTF_8));
            mac.update((byte) 0);
            mac.update(ByteLen.of(id.length));
            mac.update(id);
            mac.update(guestNonce);
            mac.update(hostNonce);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static final class ByteLen {
        static byte[] of(int n) {
            return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
        }
    }
}
