package dev.vch.tether.guest;

/**
 * A process that could not be started, with the exit code and message Docker users know
 * (127 not found, 126 cannot be invoked).
 */
final class StartFailure extends RuntimeException {

    static final int NOT_FOUND = 127;
    static final int CANNOT_INVOKE = 126;

    private final int exitCode;

    StartFailure(int exitCode, String message) {
        super(message);
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }
}
