package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/** Text forms of the scalar types the codec supports. */
final class Scalars {

    private static final Set<Class<?>> SUPPORTED = Set.of(
            String.class, Boolean.class, boolean.class, Integer.class, int.class, Long.class, long.class,
            Short.class, short.class, Double.class, double.class, Float.class, float.class,
            Instant.class, byte[].class);

    private Scalars() {
    }

    static boolean isScalar(Class<?> type) {
        return SUPPORTED.contains(type) || type.isEnum();
    }

    static String toText(Object value) {
        return switch (value) {
            case byte[] bytes -> Base64.getEncoder().encodeToString(bytes);
            case Enum<?> e -> e.name();
            // VIC writes times as unix seconds; sub-second parts are kept as a decimal fraction
            case Instant t -> t.getNano() == 0 ? Long.toString(t.getEpochSecond())
                    : BigDecimal.valueOf(t.getEpochSecond()).add(BigDecimal.valueOf(t.getNano(), 9))
                            .stripTrailingZeros().toPlainString();
            default -> value.toString();
        };
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    static Object fromText(Class<?> type, String text, String key) {
        try {
            if (type == String.class) return text;
            if (type == Boolean.class || type == boolean.class) return parseBool(text);
            if (type == Integer.class || type == int.class) return Integer.parseInt(text.trim());
            if (type == Long.class || type == long.class) return Long.parseLong(text.trim());
            if (type == Short.class || type == short.class) return Short.parseShort(text.trim());
            if (type == Double.class || type == double.class) return Double.parseDouble(text.trim());
            if (type == Float.class || type == float.class) return Float.parseFloat(text.trim());
            if (type == byte[].class) return Base64.getDecoder().decode(text.trim());
            if (type == Instant.class) return parseInstant(text.trim());
            if (type.isEnum()) return Enum.valueOf((Class) type, text.trim());
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw new TetherException(TetherException.Kind.CODEC,
                    "Tried to decode key " + key + " as " + type.getSimpleName() + " but its value is not one: " + e.getMessage(), e);
        }
        throw new TetherException(TetherException.Kind.CODEC, "unsupported scalar type " + type.getName());
    }

    static Object defaultFor(Class<?> type) {
        if (type == boolean.class) return false;
        if (type == int.class) return 0;
        if (type == long.class) return 0L;
        if (type == short.class) return (short) 0;
        if (type == double.class) return 0d;
        if (type == float.class) return 0f;
        return null;
    }

    private static boolean parseBool(String text) {
        return switch (text.trim()) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("expected true or false, got \"" + text + "\"");
        };
    }

    private static Instant parseInstant(String text) {
        BigDecimal seconds = new BigDecimal(text);
        long whole = seconds.setScale(0, java.math.RoundingMode.FLOOR).longValueExact();
        int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
        return Instant.ofEpochSecond(whole, nanos);
    }

    /** Escapes an element of a {@code |}-joined list (primitive slices, map key lists). */
    static String escapeElement(String s) {
        return s.replace("%", "%25").replace("|", "%7C");
    }

    static String unescapeElement(String s) {
        if (s.indexOf('%') < 0) return s;
        StringBuilder out = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            if (s.startsWith("%25", i)) {
                out.append('%');
                i += 2;
            } else if (s.startsWith("%7C", i)) {
                out.append('|');
                i += 2;
            } else {
                out.append(s.charAt(i));
            }
        }
        return out.toString();
    }
}
