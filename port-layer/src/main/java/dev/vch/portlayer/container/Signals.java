package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import java.util.Locale;
import java.util.Map;

/** Signal names and numbers (Linux x86-64), as {@code docker kill -s} accepts them. */
public final class Signals {
    public static final int KILL = 9;
    public static final int TERM = 15;
    private static final Map<String, Integer> NUMBERS = Map.ofEntries(Map.entry("HUP", 1), Map.entry("INT", 2),
            Map.entry("QUIT", 3), Map.entry("ILL", 4), Map.entry("TRAP", 5), Map.entry("ABRT", 6),
            Map.entry("BUS", 7), Map.entry("FPE", 8), Map.entry("KILL", 9), Map.entry("USR1", 10),
            Map.entry("SEGV", 11), Map.entry("USR2", 12), Map.entry("PIPE", 13), Map.entry("ALRM", 14),
            Map.entry("TERM", 15), Map.entry("CHLD", 17), Map.entry("CONT", 18), Map.entry("STOP", 19),
            Map.entry("TSTP", 20), Map.entry("TTIN", 21), Map.entry("TTOU", 22), Map.entry("URG", 23),
            Map.entry("XCPU", 24), Map.entry("XFSZ", 25), Map.entry("VTALRM", 26), Map.entry("PROF", 27),
            Map.entry("WINCH", 28), Map.entry("IO", 29), Map.entry("PWR", 30), Map.entry("SYS", 31));

    private Signals() {
    }

    /** "KILL", "SIGKILL", "sigkill" or "9"; null or empty = SIGKILL. INVALID for anything else. */
    public static int parse(String signal) {
        if (signal == null || signal.isBlank()) {
            return KILL;
        }
        String s = signal.trim().toUpperCase(Locale.ROOT);
        if (s.chars().allMatch(Character::isDigit)) {
            int n = Integer.parseInt(s);
            if (n >= 1 && n <= 64) {
                return n;
            }
        } else {
            Integer n = NUMBERS.get(s.startsWith("SIG") ? s.substring(3) : s);
            if (n != null) {
                return n;
            }
        }
        throw PortLayerException.invalid("Invalid signal: " + signal);
    }
}
