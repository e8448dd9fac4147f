package dev.vch.tether.guestinfo;

import java.util.Map;
import java.util.TreeMap;

/**
 * The text form of guestinfo entries shared by the fw_cfg file and the line protocol
 * (docs/design/guestinfo-channel.md): {@code key=value} lines; in values {@code %} is {@code %25},
 * LF {@code %0A}, CR {@code %0D}.
 */
public final class GuestInfoText {

    private GuestInfoText() {
    }

    public static String escape(String value) {
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '%' -> out.append("%25");
                case '\n' -> out.append("%0A");
                case '\r' -> out.append("%0D");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    public static String unescape(String value) {
        if (value.indexOf('%') < 0) return value;
        StringBuilder out = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '%' && i + 2 < value.length()) {
                String code = value.substring(i + 1, i + 3);
                switch (code) {
                    case "25" -> { out.append('%'); i += 2; continue; }
                    case "0A" -> { out.append('\n'); i += 2; continue; }
                    case "0D" -> { out.append('\r'); i += 2; continue; }
                    default -> { }
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Parses the fw_cfg file: one {@code key=value} per line; lines without {@code =} are ignored. */
    public static Map<String, String> parse(String text) {
        Map<String, String> out = new TreeMap<>();
        for (String line : text.split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) out.put(line.substring(0, eq), unescape(line.substring(eq + 1)));
        }
        return out;
    }

    public static String format(Map<String, String> entries) {
        StringBuilder out = new StringBuilder();
        new TreeMap<>(entries).forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }
}
