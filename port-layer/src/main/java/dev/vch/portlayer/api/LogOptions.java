package dev.vch.portlayer.api;

import java.time.Instant;

/**
 * A logs request.
 *
 * @param tail       last n lines; negative = all
 * @param since      only lines at or after this instant, or null
 * @param until      only lines before this instant, or null
 * @param timestamps prefix every line with its RFC 3339 nano timestamp and a space
 */
public record LogOptions(boolean stdout, boolean stderr, boolean follow, int tail, Instant since, Instant until,
                         boolean timestamps) {
}
