package dev.vch.personality.handlers;

import dev.vch.personality.errors.DockerApiException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * Times in queries ({@code since}, {@code until}): the CLI sends Unix seconds with an
 * optional fraction ("1700000000.000000001"); RFC 3339 is accepted too.
 */
final class Timestamps {
    private Timestamps() {
    }

    static Instant parse(String value, String name) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value);
            long whole = seconds.longValue();
            int nanos = seconds.subtract(BigDecimal.valueOf(whole)).movePointRight(9).intValue();
            return Instant.ofEpochSecond(whole, nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e2) {
                throw DockerApiException.badRequest("invalid value for " + name + ": " + value);
            }
        }
    }
}
