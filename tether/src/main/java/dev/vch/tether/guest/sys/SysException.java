package dev.vch.tether.guest.sys;

import dev.vch.tether.TetherException;

/** A failed system call: which call, and errno. */
public final class SysException extends TetherException {

    private final int errno;

    public SysException(String call, int errno) {
        super(Kind.SYSTEM, call + ": " + describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }

    /** The text glibc's strerror gives for the errno values the tether meets; Docker's messages use these. */
    public static String describe(int errno) {
        return switch (errno) {
            case 1 -> "operation not permitted";
            case 2 -> "no such file or directory";
            case 3 -> "no such process";
            case 4 -> "interrupted system call";
            case 5 -> "input/output error";
            case 8 -> "exec format error";
            case 9 -> "bad file descriptor";
            case 10 -> "no child processes";
            case 11 -> "resource temporarily unavailable";
            case 12 -> "cannot allocate memory";
            case 13 -> "permission denied";
            case 16 -> "device or resource busy";
            case 17 -> "file exists";
            case 19 -> "no such device";
            case 20 -> "not a directory";
            case 21 -> "is a directory";
            case 22 -> "invalid argument";
            case 26 -> "text file busy";
            case 36 -> "file name too long";
            case 38 -> "function not implemented";
            case 40 -> "too many levels of symbolic links";
            default -> "errno " + errno;
        };
    }
}
