package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import java.io.ByteArrayOutputStream;
import java.util.Locale;

/**
 * Docker's detach keys on an attach's stdin ({@code ctrl-p,ctrl-q} unless the client names
 * others): the sequence is held back while it is being typed, and once complete the client
 * detaches and the container keeps running, as dockerd does for API clients that do not
 * detect the sequence themselves. One instance per attachment; not thread-safe (stdin of one
 * attachment arrives in order on one thread).
 */
final class DetachKeys {
    static final String DEFAULT = "ctrl-p,ctrl-q";
    private final byte[] keys;
    private int matched;

    private DetachKeys(byte[] keys) {
        this.keys = keys;
    }

    /** Parses Docker's key list: comma-separated single characters or {@code ctrl-<key>}. */
    static DetachKeys parse(String spec) {
        String s = spec == null || spec.isEmpty() ? DEFAULT : spec;
        String[] parts = s.split(",");
        byte[] keys = new byte[parts.length];
        for (int i = 0; i < parts.length; i++) {
            keys[i] = key(parts[i], s);
        }
        return new DetachKeys(keys);
    }

    private static byte key(String k, String spec) {
        String lower = k.toLowerCase(Locale.ROOT);
        if (k.length() == 1) {
            return (byte) k.charAt(0);
        }
        if (lower.startsWith("ctrl-") && lower.length() == 6) {
            char c = lower.charAt(5);
            if (c >= 'a' && c <= 'z') {
                return (byte) (c - 'a' + 1);
            }
            int at = "@[\\]^_".indexOf(c);
            if (at >= 0) {
                return (byte) (at == 0 ? 0 : 27 + at - 1);
            }
        }
        throw PortLayerException.invalid("Invalid detach keys (" + spec + ") provided");
    }

    /** What {@link #filter} decided for one chunk of stdin. */
    record Filtered(byte[] forward, boolean detach) {
    }

    /** The bytes to pass to the process, and whether the sequence is now complete. */
    Filtered filter(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        for (byte b : data) {
            if (b == keys[matched]) {
                if (++matched == keys.length) {
                    matched = 0;
                    return new Filtered(out.toByteArray(), true);
                }
                continue;
            }
            if (matched > 0) { // a partial sequence was ordinary input after all
                out.write(keys, 0, matched);
                matched = 0;
                if (b == keys[0]) {
                    matched = 1;
                    continue;
                }
            }
            out.write(b);
        }
        return new Filtered(out.toByteArray(), false);
    }
}
