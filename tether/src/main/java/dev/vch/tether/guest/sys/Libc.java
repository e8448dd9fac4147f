package dev.vch.tether.guest.sys;

import dev.vch.tether.TetherException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * The libc calls the JDK lacks, through the FFM API (x86-64 Linux, glibc). Every call captures
 * errno; failures become {@link SysException} with the call's name and strerror-like text. Handles
 * are looked up lazily so a class that needs few calls pays for few (startup under TCG is slow).
 */
public final class Libc {

    static final Linker LINKER = Linker.nativeLinker();
    static final SymbolLookup LIBC = LINKER.defaultLookup();
    static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();
    static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));
    private static final Linker.Option CAPTURE = Linker.Option.captureCallState("errno");

    static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT;
    static final ValueLayout.OfLong LONG = ValueLayout.JAVA_LONG;
    static final ValueLayout PTR = ValueLayout.ADDRESS;

    // errno values used by callers
    public static final int EPERM = 1, ENOENT = 2, ESRCH = 3, EINTR = 4, EIO = 5, EBADF = 9, ECHILD = 10, EAGAIN = 11,
            EACCES = 13, EBUSY = 16, EEXIST = 17, ENOTDIR = 20, EISDIR = 21, EINVAL = 22, ENOEXEC = 8, ENOSYS = 38;

    private Libc() {
    }

    /** A downcall handle whose first argument is the call-state segment (errno capture). */
    static MethodHandle handle(String name, FunctionDescriptor fd, Linker.Option... extra) {
        MemorySegment symbol = LIBC.find(name).orElseThrow(() ->
                new TetherException(TetherException.Kind.SYSTEM, "libc has no symbol " + name));
        Linker.Option[] options = new Linker.Option[extra.length + 1];
        options[0] = CAPTURE;
        System.arraycopy(extra, 0, options, 1, extra.length);
        return LINKER.downcallHandle(symbol, fd, options);
    }

    static int errno(MemorySegment state) {
        return (int) ERRNO.get(state, 0L);
    }

    /** Throws when {@code rc} is -1 (errno from {@code state}); returns rc otherwise. */
    static long check(long rc, MemorySegment state, String what) {
        if (rc == -1) {
            int e = errno(state);
            throw new SysException(what, e);
        }
        return rc;
    }

    static MemorySegment state(Arena arena) {
        return arena.allocate(CALL_STATE);
    }

    static MemorySegment cstr(Arena arena, String s) {
        return arena.allocateFrom(s);
    }

    static RuntimeException rethrow(Throwable t) {
        if (t instanceof RuntimeException r) return r;
        if (t instanceof Error e) throw e;
        return new TetherException(TetherException.Kind.SYSTEM, "native call failed: " + t, t);
    }
}
