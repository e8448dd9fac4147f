package dev.vch.tether;

/**
 * The one unchecked exception of the tether module. The kind says what went wrong so callers
 * (port layer, guest agent) can map it without parsing messages.
 */
public class TetherException extends RuntimeException {

    /** What went wrong. */
    public enum Kind {
        /** A type the extraConfig codec cannot map, or a value it cannot encode/decode. */
        CODEC,
        /** Bad configuration for the guest (missing container id, unknown user, ...). */
        INVALID_CONFIG,
        /** A link peer broke the protocol (bad frame, unknown message, oversized frame). */
        PROTOCOL,
        /** A hello without the right proof of the link secret. */
        UNAUTHORIZED,
        /** The link or a channel is closed or unreachable. */
        UNAVAILABLE,
        /** Something this build does not do. */
        NOT_IMPLEMENTED,
        /** A system call or device failed in the guest. */
        SYSTEM
    }

    private final Kind kind;

    public TetherException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public TetherException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
