package dev.vch.tether.guest.sys;

import static dev.vch.tether.guest.sys.Libc.INT;
import static dev.vch.tether.guest.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * A pseudo-terminal pair (openpty). The child opens {@link #slavePath} itself after setsid, which
 * makes it the child's controlling terminal (Linux assigns a ctty on open by a session leader
 * that has none) — so no TIOCSCTTY step in the child is needed.
 */
public record Pty(int master, int slave, String slavePath) {

    static final long TIOCSWINSZ = 0x5414;
    private static MethodHandle openpty;

    public static Pty open(int rows, int cols) {
        if (openpty == null) openpty = Libc.handle("openpty", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR, PTR));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MemorySegment m = a.allocate(INT);
            MemorySegment s = a.allocate(INT);
            MemorySegment name = a.allocate(4096);
            MemorySegment ws = winsize(a, rows, cols);
            Libc.check((int) openpty.invokeExact(st, m, s, name, MemorySegment.NULL, ws), st, "openpty");
            return new Pty(m.get(INT, 0), s.get(INT, 0), name.getString(0));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** TIOCSWINSZ on the master: the foreground process group gets SIGWINCH. */
    public void resize(int rows, int cols) {
        try (Arena a = Arena.ofConfined()) {
            Sys.ioctl(master, TIOCSWINSZ, winsize(a, rows, cols), "TIOCSWINSZ");
        }
    }

    /** Lets a non-root user open the slave (devpts gives root 0620). */
    public void grantTo(int uid, int gid) {
        Sys.fchown(slave, uid, gid);
        Sys.fchmod(slave, 0620);
    }

    private static MemorySegment winsize(Arena a, int rows, int cols) {
        MemorySegment ws = a.allocate(8);
        ws.set(ValueLayout.JAVA_SHORT, 0, (short) (rows > 0 ? rows : 24));
        ws.set(ValueLayout.JAVA_SHORT, 2, (short) (cols > 0 ? cols : 80));
        return ws;
    }
}
