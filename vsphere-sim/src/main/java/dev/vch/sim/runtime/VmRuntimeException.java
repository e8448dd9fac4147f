package dev.vch.sim.runtime;

/** The one unchecked error of the VM runtimes; {@link #kind()} says what went wrong. */
public final class VmRuntimeException extends RuntimeException {

    public enum Kind { INVALID, NOT_IMPLEMENTED, UNAVAILABLE, INTERNAL }

    private final Kind kind;

    public VmRuntimeException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public VmRuntimeException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
