package dev.vch.sim.runtime;

import java.util.Map;
import java.util.TreeMap;

/**
 * The host side of the guestinfo line protocol (docs/design/guestinfo-channel.md, section 2):
 * one request line in, one answer out. Stateless apart from the store, so one instance serves
 * every connection of a VM.
 */
final class GuestInfoProtocol {

    private final GuestInfoStore store;

    GuestInfoProtocol(GuestInfoStore store) {
        this.store = store;
    }

    /** The answer (with its trailing newline) to one request line (without its newline). */
    String answer(String line) {
        if (line.endsWith("\r")) {
            line = line.substring(0, line.length() - 1); // CR never ends a request: values escape it
        }
        int space = line.indexOf(' ');
        String verb = space < 0 ? line : line.substring(0, space);
        String rest = space < 0 ? "" : line.substring(space + 1);
        try {
            return switch (verb) {
                case "get" -> get(rest);
                case "set" -> set(rest);
                case "list" -> list(rest);
                default -> err("unknown request '" + abbreviate(verb) + "' (expected get, set or list)");
            };
        } catch (RuntimeException e) {
            // the store belongs to the simulator; its failure must not break the channel
            return err("the host failed to handle the request: " + oneLine(e.getMessage()));
        }
    }

    /** The answer to a request line longer than the protocol allows. */
    static String tooLong() {
        return err("request line over 1 MiB");
    }

    private String get(String key) {
        if (!GuestInfoCodec.validKey(key)) {
            return invalidKey(key);
        }
        String value = store.guestInfo().get(key);
        return value == null ? "none\n" : "ok " + GuestInfoCodec.escape(value) + "\n";
    }

    private String set(String rest) {
        int space = rest.indexOf(' ');
        String key = space < 0 ? rest : rest.substring(0, space);
        String value = space < 0 ? "" : GuestInfoCodec.unescape(rest.substring(space + 1));
        if (!GuestInfoCodec.validKey(key)) {
            return invalidKey(key);
        }
        store.setGuestInfo(key, value);
        return "ok\n";
    }

    private String list(String prefix) {
        if (!prefix.startsWith(GuestInfoCodec.PREFIX)) {
            return err("prefix must start with guestinfo.: '" + abbreviate(prefix) + "'");
        }
        TreeMap<String, String> all = GuestInfoCodec.representable(store.guestInfo());
        StringBuilder out = new StringBuilder();
        int n = 0;
        for (Map.Entry<String, String> e : all.tailMap(prefix).entrySet()) {
            if (!e.getKey().startsWith(prefix)) {
                break;
            }
            out.append(e.getKey()).append('=').append(GuestInfoCodec.escape(e.getValue())).append('\n');
            n++;
        }
        return "ok " + n + "\n" + out;
    }

    private static String invalidKey(String key) {
        return err("invalid key '" + abbreviate(key)
                + "': keys start with guestinfo. and contain no '=', '%', space, CR or LF");
    }

    private static String err(String message) {
        return "err " + oneLine(message) + "\n";
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replace('\n', ' ').replace('\r', ' ');
    }

    private static String abbreviate(String s) {
        return oneLine(s.length() > 80 ? s.substring(0, 80) + "..." : s);
    }
}
