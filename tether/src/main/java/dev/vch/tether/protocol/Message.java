package dev.vch.tether.protocol;

import java.util.Map;

/**
 * The messages of the link. Control messages travel on channel 0; the others on the channel they
 * concern. Codes and payloads are specified in docs/design/tether-link.md.
 */
public sealed interface Message {

    /** stdin (host to guest), or the only stream of a port-forward channel. */
    int STDIN = 0;
    int STDOUT = 1;
    int STDERR = 2;

    // ---- control channel ----

    /** Host to guest: please (re)start the handshake. Sent on connect and repeated until a hello arrives. */
    record HelloRequest() implements Message {
    }

    record Hello(int version, String containerId, byte[] guestNonce) implements Message {
    }

    /** Host to guest, echoing the guest nonce it answers (so stale challenges are recognisable). */
    record Challenge(byte[] guestNonce, byte[] hostNonce) implements Message {
    }

    record Proof(byte[] mac) implements Message {
    }

    /** Host to guest: accepted; {@code mac} proves the host knows the secret too. */
    record Welcome(byte[] mac) implements Message {
    }

    record Refused(String reason) implements Message {
    }

    record Ping(int seq) implements Message {
    }

    record Pong(int seq) implements Message {
    }

    // ---- channels ----

    record Open(OpenRequest request) implements Message {
    }

    record Data(int stream, byte[] bytes) implements Message {
    }

    /** No more data on {@code stream} (close stdin; end of output). */
    record Eof(int stream) implements Message {
    }

    /** The receiver consumed {@code credit} more bytes of DATA: the sender may send that many more. */
    record Window(int credit) implements Message {
    }

    record Resize(int rows, int cols) implements Message {
    }

    record Signal(int signal) implements Message {
    }

    /** Host to guest on an attach channel: start the session (when it waits for the host: runBlock). */
    record Start() implements Message {
    }

    record Started(long pid) implements Message {
    }

    /** The process ended with {@code status}; or it never started and {@code error} says why (Docker wording). */
    record Exit(int status, String error) implements Message {
    }

    /** The exec's config, encoded with the extraConfig codec under prefix "" (a SessionConfig). */
    record ExecCreate(Map<String, String> config) implements Message {
    }

    record ExecCreated() implements Message {
    }

    record ExecStart() implements Message {
    }

    record DnsQuery(byte[] packet) implements Message {
    }

    record DnsAnswer(byte[] packet) implements Message {
    }

    /** Orderly close of the sender's side of the channel. */
    record Close() implements Message {
    }

    /** Abort the channel (bad message, no such session, ...); the link stays up. */
    record Reset(String reason) implements Message {
    }
}
