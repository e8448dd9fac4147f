package dev.vch.personality.dto;

import java.time.Instant;

/** Docker's time spellings: RFC 3339 with nanoseconds, and Go's zero time for "never". */
public final class Times {
    public static final String ZERO = "0001-01-01T00:00:00Z";

    private Times() {
    }

    public static String rfc3339(Instant t) {
        return t == null ? ZERO : t.toString();
    }

    public static long unix(Instant t) {
        return t == null ? 0 : t.getEpochSecond();
    }
}
