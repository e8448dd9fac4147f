package dev.vch.tether.protocol;

/** What a channel is for; sent in {@link Message.Open}. */
public sealed interface OpenRequest {

    /**
     * Attach to a session's stdio (the main process: the container id). {@code stdin}: the host will
     * send stdin on this channel; {@code replay}: the guest first sends the session's buffered
     * output (log replay), then live output.
     */
    record Attach(String sessionId, boolean stdin, boolean replay) implements OpenRequest {
    }

    /** An exec session: EXEC_CREATE, EXEC_START, then stdio and EXIT on this channel. */
    record Exec(String execId) implements OpenRequest {
    }

    /** A TCP connection to {@code 127.0.0.1:port} inside the guest; DATA on stream 0 both ways. */
    record PortForward(int port) implements OpenRequest {
    }

    /** Opened by the guest: DNS_QUERY / DNS_ANSWER carrying raw DNS messages. */
    record Dns() implements OpenRequest {
    }
}
