package dev.vch.tether.guest.sys;

import static dev.vch.tether.guest.sys.Libc.INT;
import static dev.vch.tether.guest.sys.Libc.LONG;
import static dev.vch.tether.guest.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.invoke.MethodHandle;

/**
 * Thin wrappers over single system calls. Each handle is made on first use: making a downcall
 * handle is slow in an interpreted JVM, and a boot uses only some of them.
 */
public final class Sys {

    public static final long MS_RDONLY = 1, MS_NOSUID = 2, MS_NODEV = 4, MS_NOEXEC = 8, MS_REMOUNT = 32,
            MS_BIND = 4096, MS_MOVE = 8192, MS_REC = 16384, MS_PRIVATE = 1 << 18;
    public static final int O_RDONLY = 0, O_WRONLY = 1, O_RDWR = 2, O_NOCTTY = 0x100, O_CLOEXEC = 0x80000;
    public static final int WNOHANG = 1;
    static final long SYS_SETGROUPS = 116, SYS_SETRESUID = 117, SYS_SETRESGID = 119, SYS_FINIT_MODULE = 313;
    static final int RB_POWER_OFF = 0x4321fedc;

    private static MethodHandle mount, umount2, chroot, chdir, sethostname, sync, reboot, kill, waitpid, open, read,
            write, close, syscall3, syscall1p, pipe2, fchown, fchmod, ioctl, socket, fcntl;

    private Sys() {
    }

    public static void mount(String source, String target, String type, long flags, String data) {
        if (mount == null) mount = Libc.handle("mount", FunctionDescriptor.of(INT, PTR, PTR, PTR, LONG, PTR));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            int rc = (int) mount.invokeExact(st, str(a, source), str(a, target), str(a, type), flags, str(a, data));
            Libc.check(rc, st, "mount " + source + " on " + target + (type == null ? "" : " (" + type + ")"));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void umount(String target, int flags) {
        if (umount2 == null) umount2 = Libc.handle("umount2", FunctionDescriptor.of(INT, PTR, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            Libc.check((int) umount2.invokeExact(st, a.allocateFrom(target), flags), st, "umount " + target);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void chroot(String path) {
        if (chroot == null) chroot = Libc.handle("chroot", FunctionDescriptor.of(INT, PTR));
        pathCall(chroot, path, "chroot");
    }

    public static void chdir(String path) {
        if (chdir == null) chdir = Libc.handle("chdir", FunctionDescriptor.of(INT, PTR));
        pathCall(chdir, path, "chdir");
    }

    public static void sethostname(String name) {
        if (sethostname == null) sethostname = Libc.handle("sethostname", FunctionDescriptor.of(INT, PTR, LONG));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MemorySegment s = a.allocateFrom(name);
            Libc.check((int) sethostname.invokeExact(st, s, s.byteSize() - 1), st, "sethostname " + name);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void sync() {
        if (sync == null) sync = Libc.handle("sync", FunctionDescriptor.ofVoid());
        try (Arena a = Arena.ofConfined()) {
            sync.invokeExact(Libc.state(a));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Powers the machine off (PID 1 only). Does not return on success. */
    public static void powerOff() {
        if (reboot == null) reboot = Libc.handle("reboot", FunctionDescriptor.of(INT, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            Libc.check((int) reboot.invokeExact(st, RB_POWER_OFF), st, "reboot(POWER_OFF)");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** kill(2); returns false when the process does not exist (ESRCH). */
    public static boolean kill(long pid, int signal) {
        if (kill == null) kill = Libc.handle("kill", FunctionDescriptor.of(INT, INT, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            int rc = (int) kill.invokeExact(st, (int) pid, signal);
            if (rc == -1 && Libc.errno(st) == Libc.ESRCH) return false;
            Libc.check(rc, st, "kill " + pid + " " + signal);
            return true;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A reaped child: pid and raw wait status; pid 0 with WNOHANG when none is ready; -1 when there are no children. */
    public record Waited(long pid, int status) {
        public boolean exited() {
            return (status & 0x7f) == 0;
        }

        /** Docker's convention: exit code, or 128 + signal number for a process killed by a signal. */
        public int exitCode() {
            return exited() ? (status >> 8) & 0xff : 128 + (status & 0x7f);
        }
    }

    public static Waited waitpid(long pid, int options) {
        if (waitpid == null) waitpid = Libc.handle("waitpid", FunctionDescriptor.of(INT, INT, PTR, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MemorySegment status = a.allocate(INT);
            while (true) {
                int rc = (int) waitpid.invokeExact(st, (int) pid, status, options);
                if (rc == -1) {
                    int e = Libc.errno(st);
                    if (e == Libc.EINTR) continue;
                    if (e == Libc.ECHILD) return new Waited(-1, 0);
                    throw new SysException("waitpid", e);
                }
                return new Waited(rc, status.get(INT, 0));
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static int open(String path, int flags, int mode) {
        if (open == null) open = Libc.handle("open", FunctionDescriptor.of(INT, PTR, INT, INT), Linker.Option.firstVariadicArg(2));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            return (int) Libc.check((int) open.invokeExact(st, a.allocateFrom(path), flags, mode), st, "open " + path);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** read(2) into {@code buf}; returns the count, 0 at end of file; retries EINTR. */
    public static int read(int fd, MemorySegment buf, long len) {
        if (read == null) read = Libc.handle("read", FunctionDescriptor.of(LONG, INT, PTR, LONG));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            while (true) {
                long rc = (long) read.invokeExact(st, fd, buf, len);
                if (rc == -1 && Libc.errno(st) == Libc.EINTR) continue;
                return (int) Libc.check(rc, st, "read fd " + fd);
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static int write(int fd, MemorySegment buf, long len) {
        if (write == null) write = Libc.handle("write", FunctionDescriptor.of(LONG, INT, PTR, LONG));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            while (true) {
                long rc = (long) write.invokeExact(st, fd, buf, len);
                if (rc == -1 && Libc.errno(st) == Libc.EINTR) continue;
                return (int) Libc.check(rc, st, "write fd " + fd);
            }
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void close(int fd) {
        if (close == null) close = Libc.handle("close", FunctionDescriptor.of(INT, INT));
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) close.invokeExact(Libc.state(a), fd);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** A pipe with both ends close-on-exec: {read, write}. */
    public static int[] pipe() {
        if (pipe2 == null) pipe2 = Libc.handle("pipe2", FunctionDescriptor.of(INT, PTR, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MemorySegment fds = a.allocate(INT, 2);
            Libc.check((int) pipe2.invokeExact(st, fds, O_CLOEXEC), st, "pipe2");
            return new int[] {fds.getAtIndex(INT, 0), fds.getAtIndex(INT, 1)};
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Grows a pipe (F_SETPIPE_SZ) so that one read takes a large chunk of a fast writer's output:
     * fewer, larger link frames. Best effort: the default size still works.
     */
    public static void growPipe(int fd, int bytes) {
        if (fcntl == null) fcntl = Libc.handle("fcntl", FunctionDescriptor.of(INT, INT, INT, INT), Linker.Option.firstVariadicArg(2));
        try (Arena a = Arena.ofConfined()) {
            int ignored = (int) fcntl.invokeExact(Libc.state(a), fd, 1031, bytes);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void fchown(int fd, int uid, int gid) {
        if (fchown == null) fchown = Libc.handle("fchown", FunctionDescriptor.of(INT, INT, INT, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            Libc.check((int) fchown.invokeExact(st, fd, uid, gid), st, "fchown");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static void fchmod(int fd, int mode) {
        if (fchmod == null) fchmod = Libc.handle("fchmod", FunctionDescriptor.of(INT, INT, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            Libc.check((int) fchmod.invokeExact(st, fd, mode), st, "fchmod");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** ioctl(fd, request, arg) with a pointer argument. */
    public static int ioctl(int fd, long request, MemorySegment arg, String what) {
        if (ioctl == null) ioctl = Libc.handle("ioctl", FunctionDescriptor.of(INT, INT, LONG, PTR), Linker.Option.firstVariadicArg(2));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            return (int) Libc.check((int) ioctl.invokeExact(st, fd, request, arg), st, what);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    public static int socket(int domain, int type, int protocol) {
        if (socket == null) socket = Libc.handle("socket", FunctionDescriptor.of(INT, INT, INT, INT));
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            return (int) Libc.check((int) socket.invokeExact(st, domain, type, protocol), st, "socket");
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /** Loads a kernel module from an open file (finit_module); false when it was already loaded. */
    public static boolean finitModule(int fd, String params) {
        if (syscall3 == null) {
            syscall3 = Libc.handle("syscall", FunctionDescriptor.of(LONG, LONG, INT, PTR, INT), Linker.Option.firstVariadicArg(1));
        }
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            long rc = (long) syscall3.invokeExact(st, SYS_FINIT_MODULE, fd, a.allocateFrom(params), 0);
            if (rc == -1 && Libc.errno(st) == Libc.EEXIST) return false;
            Libc.check(rc, st, "finit_module");
            return true;
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    /**
     * Raw setgroups/setresgid/setresuid: unlike glibc's wrappers these change only the calling
     * thread's credentials, which is what the spawner thread wants (a spawned child inherits them).
     * The saved uid stays 0 so {@link #threadRestoreRoot} can undo it.
     */
    public static void threadBecome(int uid, int gid, int[] groups) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment list = a.allocate(INT, Math.max(1, groups.length));
            for (int i = 0; i < groups.length; i++) list.setAtIndex(INT, i, groups[i]);
            rawIds(a, SYS_SETGROUPS, groups.length, list.address(), 0, "setgroups");
            rawIds(a, SYS_SETRESGID, gid, gid, gid, "setresgid " + gid);
            rawIds(a, SYS_SETRESUID, uid, uid, 0, "setresuid " + uid);
        }
    }

    /** Back to root on the calling thread (possible because the saved uid is 0). */
    public static void threadRestoreRoot() {
        try (Arena a = Arena.ofConfined()) {
            rawIds(a, SYS_SETRESUID, 0, 0, 0, "setresuid 0");
            rawIds(a, SYS_SETRESGID, 0, 0, 0, "setresgid 0");
            rawIds(a, SYS_SETGROUPS, 0, 0, 0, "setgroups");
        }
    }

    private static void rawIds(Arena a, long nr, long x, long y, long z, String what) {
        if (syscall1p == null) {
            syscall1p = Libc.handle("syscall", FunctionDescriptor.of(LONG, LONG, LONG, LONG, LONG), Linker.Option.firstVariadicArg(1));
        }
        try {
            MemorySegment st = Libc.state(a);
            Libc.check((long) syscall1p.invokeExact(st, nr, x, y, z), st, what);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static void pathCall(MethodHandle h, String path, String what) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            Libc.check((int) h.invokeExact(st, a.allocateFrom(path)), st, what + " " + path);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    private static MemorySegment str(Arena a, String s) {
        return s == null ? MemorySegment.NULL : a.allocateFrom(s);
    }
}
