package dev.vch.tether.guest.sys;

import static dev.vch.tether.guest.sys.Libc.INT;
import static dev.vch.tether.guest.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/** Raw mode for a serial line (the link's /dev/ttyS0 fallback must pass every byte untouched). */
public final class Termios {

    private static MethodHandle tcgetattr, tcsetattr, cfmakeraw;

    private Termios() {
    }

    public static void makeRaw(int fd) {
        if (tcgetattr == null) {
            tcgetattr = Libc.handle("tcgetattr", FunctionDescriptor.of(INT, INT, PTR));
            tcsetattr = Libc.handle("tcsetattr", FunctionDescriptor.of(INT, INT, INT, PTR));
            cfmakeraw = Libc.handle("cfmakeraw", FunctionDescriptor.ofVoid(PTR));
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MemorySegment t = a.allocate(128);
            Libc.check((int) tcgetattr.invokeExact(st, fd, t), st, "tcgetattr");
            cfmakeraw.invokeExact(st, t);
            Libc.check((int) tcsetattr.invokeExact(st, fd, 0, t), st, "tcsetattr");
        } catch (Throwable e) {
            throw Libc.rethrow(e);
        }
    }
}
