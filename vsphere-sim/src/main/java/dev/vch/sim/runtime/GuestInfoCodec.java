package dev.vch.sim.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * The text encoding of guestinfo entries shared by the fw_cfg file and the RPC line protocol
 * (docs/design/guestinfo-channel.md, section 1): {@code %} is {@code %25}, LF {@code %0A},
 * CR {@code %0D}; nothing else is escaped.
 */
final class GuestInfoCodec {

    static final String PREFIX = "guestinfo.";

    private GuestInfoCodec() {
    }

    static String escape(String value) {
        if (value.indexOf('%') < 0 && value.indexOf('\n') < 0 && value.indexOf('\r') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 8);
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

    /** Reverses {@link #escape}; any other {@code %} sequence is kept as it is (nothing else is escaped). */
    static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '%' && i + 2 < text.length()) {
                String code = text.substring(i + 1, i + 3).toUpperCase();
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

    /** Whether a key can be carried by the channel: the {@code guestinfo.} prefix, no '=', '%', CR, LF or space. */
    static boolean validKey(String key) {
        if (!key.startsWith(PREFIX) || key.length() == PREFIX.length()) {
            return false;
        }
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (c == '=' || c == '%' || c == '\n' || c == '\r' || c == ' ') {
                return false;
            }
        }
        return true;
    }

    /** The {@code guestinfo.*} entries that can be represented, sorted by key. */
    static TreeMap<String, String> representable(Map<String, String> all) {
        TreeMap<String, String> sorted = new TreeMap<>();
        all.forEach((k, v) -> {
            if (k != null && validKey(k)) {
                sorted.put(k, v == null ? "" : v);
            }
        });
        return sorted;
    }

    /** The fw_cfg file content: {@code key=value\n} per entry, sorted by key. */
    static String fwCfgText(Map<String, String> all) {
        StringBuilder out = new StringBuilder();
        representable(all).forEach((k, v) -> out.append(k).append('=').append(escape(v)).append('\n'));
        return out.toString();
    }
}
