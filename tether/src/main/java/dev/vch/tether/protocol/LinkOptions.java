package dev.vch.tether.protocol;

import java.time.Duration;

/**
 * Tunables of a link. Both ends must agree on {@code window} (the credit each side starts with
 * per channel and direction); the defaults are what the tether and the port layer use.
 *
 * @param window initial DATA credit per channel and direction, bytes
 * @param maxData largest DATA payload per frame
 * @param maxPayload largest frame payload accepted; a larger frame breaks the link
 * @param pingInterval how often to send PING (zero: never)
 * @param idleTimeout close the link when nothing arrived for this long (zero: never)
 * @param handshakeTimeout host side: give up on a connection that sends no valid hello/proof in time
 */
public record LinkOptions(int window, int maxData, int maxPayload, Duration pingInterval, Duration idleTimeout,
        Duration handshakeTimeout) {

    public static final LinkOptions HOST = new LinkOptions(1 << 20, 64 * 1024, 1 << 20,
            Duration.ofSeconds(5), Duration.ofSeconds(30), Duration.ofSeconds(30));

    /**
     * The guest never times the link out: when the host goes away, the next host asks for a new
     * hello. It sends larger DATA frames (fewer frames: per-frame work is what an interpreted JVM
     * under TCG pays for); the host accepts any frame up to maxPayload.
     */
    public static final LinkOptions GUEST = new LinkOptions(1 << 20, 256 * 1024, 1 << 20,
            Duration.ZERO, Duration.ZERO, Duration.ZERO);

    public LinkOptions {
        if (maxData < 1 || maxData + 1 > maxPayload) throw new IllegalArgumentException("maxData must be in 1..maxPayload-1");
        if (window < maxData) throw new IllegalArgumentException("window must be >= maxData");
    }
}
