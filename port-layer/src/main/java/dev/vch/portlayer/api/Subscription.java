package dev.vch.portlayer.api;

/** A running stream (events, followed logs) the caller can cancel. Idempotent. */
public interface Subscription extends AutoCloseable {
    @Override
    void close();
}
