package dev.vch.tether.guestinfo;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * VIC's extraConfig encoding of records into flat {@code guestinfo.vice.*} keys and back.
 * See docs/design/extraconfig-codec.md for the rules; in short:
 * <ul>
 *   <li>read-only keys: {@code guestinfo.vice./common/id}; guest-writable ({@link GuestWritable}):
 *       {@code guestinfo.vice..sessions|<id>.status} (the whole key takes the scope's separator);</li>
 *   <li>maps: base key = sorted keys joined by {@code |}, entries {@code key|<k>};</li>
 *   <li>lists of records: entries {@code key|<i>}, base key = len-1; lists of scalars: {@code key~}
 *       joined by {@code |} (elements escape {@code %} and {@code |} as {@code %25} and {@code %7C});</li>
 *   <li>byte[] base64, numbers decimal, booleans true/false, enums by name, Instant as unix seconds.</li>
 * </ul>
 * Thread-safe; types are analysed once and cached.
 */
public final class ExtraConfigCodec {

    /** The namespace VIC uses for container and appliance configuration. */
    public static final String PREFIX = "guestinfo.vice.";

    /** Shown instead of a secret value by {@link #redact}. */
    public static final String REDACTED = "<redacted>";

    private ExtraConfigCodec() {
    }

    /**
     * The result of encoding: the entries (sorted), and which of the keys are secret and which
     * the guest writes back.
     */
    public record Encoded(Map<String, String> entries, Set<String> secretKeys, Set<String> guestWritableKeys) {
        public Encoded {
            entries = java.util.Collections.unmodifiableMap(entries);
            secretKeys = Set.copyOf(secretKeys);
            guestWritableKeys = Set.copyOf(guestWritableKeys);
        }
    }

    /** Encodes a record under {@link #PREFIX}. Null components and empty collections produce no keys. */
    public static Map<String, String> encode(Object record) {
        return encodeDetailed(PREFIX, record).entries();
    }

    public static Encoded encodeDetailed(String prefix, Object record) {
        Objects.requireNonNull(record, "record");
        return new ExtraConfigEncoder(prefix).encode(record);
    }

    /** Decodes a record from entries under {@link #PREFIX}; other keys are ignored. */
    public static <T> T decode(Class<T> type, Map<String, String> entries) {
        return decode(PREFIX, type, entries);
    }

    public static <T> T decode(String prefix, Class<T> type, Map<String, String> entries) {
        return new ExtraConfigDecoder(prefix, entries).decode(type);
    }

    /**
     * The secret keys of {@code type} present in {@code entries} (to hide from docker inspect and logs).
     * Decodes and re-encodes, so the answer follows the annotations, not guesses about key names.
     */
    public static Set<String> secretKeys(Class<?> type, Map<String, String> entries) {
        return encodeDetailed(PREFIX, decode(type, entries)).secretKeys();
    }

    /** A copy of {@code entries} with the values of secret keys replaced by {@link #REDACTED}. */
    public static Map<String, String> redact(Class<?> type, Map<String, String> entries) {
        Set<String> secret = secretKeys(type, entries);
        Map<String, String> copy = new LinkedHashMap<>(entries);
        copy.replaceAll((k, v) -> secret.contains(k) ? REDACTED : v);
        return copy;
    }

    /** True for a key the guest writes (VIC's read-write scope): its first separator after the prefix is {@code .}. */
    public static boolean isGuestWritable(String key) {
        return key.startsWith(PREFIX + ".");
    }
}
