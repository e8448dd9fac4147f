package dev.vch.appliance;

/** Why the appliance cannot start or run; {@link Kind} picks the exit code of {@link Main}. */
public final class ApplianceException extends RuntimeException {
    /** What went wrong. */
    public enum Kind {
        /** the configuration in guestinfo is missing or does not decode */
        CONFIG,
        /** vSphere or a datastore cannot be reached */
        UNAVAILABLE,
        /** this environment is not supported yet (real ESXi backdoor) */
        NOT_IMPLEMENTED,
        /** anything else */
        INTERNAL
    }

    private final Kind kind;

    public ApplianceException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public ApplianceException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
