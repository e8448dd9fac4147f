package dev.vch.tether.guest.sys;

import static dev.vch.tether.guest.sys.Libc.INT;
import static dev.vch.tether.guest.sys.Libc.PTR;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Starts processes with posix_spawn (no fork of the JVM). Runs on one dedicated platform thread
 * so it can take on the target user's ids with raw per-thread setresuid/setresgid/setgroups just
 * for the spawn (the child inherits the spawning thread's credentials), then go back to root.
 * The child gets: a new session (POSIX_SPAWN_SETSID), default signal dispositions and an empty
 * signal mask, stdio from pipes or the pty slave (opened after setsid: its controlling tty),
 * its working directory, and no other file descriptor of the tether (closefrom 3).
 */
public final class Spawner {

    static final short POSIX_SPAWN_SETSIGDEF = 0x04, POSIX_SPAWN_SETSIGMASK = 0x08, POSIX_SPAWN_SETSID = 0x80;
    // glibc x86-64 posix_spawnattr_t: short __flags; pid_t __pgrp; sigset_t __sd; sigset_t __ss; ...
    static final long ATTR_FLAGS = 0, ATTR_SIGDEFAULT = 8;
    private static MethodHandle spawn, faOpen, faDup2, faChdir, faCloseFrom;

    private final ExecutorService thread = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "tether-spawner");
        t.setDaemon(true);
        return t;
    });

    /** Starts the process; returns its pid. Throws {@link SysException} with posix_spawn's errno (ENOENT, EACCES, ...). */
    public long spawn(SpawnSpec spec) {
        try {
            return thread.submit(() -> {
                try {
                    return spawnHere(spec);
                } catch (Throwable t) {
                    throw Libc.rethrow(t);
                }
            }).get();
        } catch (ExecutionException e) {
            throw Libc.rethrow(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while spawning " + spec.path(), e);
        }
    }

    private static long spawnHere(SpawnSpec spec) throws Throwable {
        init();
        boolean switched = spec.uid() != 0 || spec.gid() != 0 || spec.groups().length > 0;
        try (Arena a = Arena.ofConfined()) {
            // zero-filled structs are what posix_spawn_file_actions_init/posix_spawnattr_init produce in
            // glibc; the attribute fields are written directly (glibc's x86-64 layout): each FFM
            // downcall shape costs a class spin at boot, which under TCG is tens of milliseconds
            MemorySegment fa = a.allocate(256);
            MemorySegment attr = a.allocate(512);
            MemorySegment st = Libc.state(a);
            if (spec.ttyPath() != null) {
                ok((int) faOpen.invokeExact(st, fa, 0, a.allocateFrom(spec.ttyPath()), Sys.O_RDWR, 0), "addopen tty");
                ok((int) faDup2.invokeExact(st, fa, 0, 1), "adddup2");
                ok((int) faDup2.invokeExact(st, fa, 0, 2), "adddup2");
            } else {
                stdio(a, st, fa, spec.stdin(), 0, Sys.O_RDONLY);
                stdio(a, st, fa, spec.stdout(), 1, Sys.O_WRONLY);
                stdio(a, st, fa, spec.stderr(), 2, Sys.O_WRONLY);
            }
            ok((int) faCloseFrom.invokeExact(st, fa, 3), "addclosefrom_np");
            if (spec.dir() != null && !spec.dir().isEmpty()) {
                ok((int) faChdir.invokeExact(st, fa, a.allocateFrom(spec.dir())), "addchdir_np");
            }
            attr.set(ValueLayout.JAVA_SHORT, ATTR_FLAGS, (short) (POSIX_SPAWN_SETSID | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF));
            // __sd (signals reset to default): 1..31 but SIGKILL and SIGSTOP; __ss (mask): empty
            long defaults = 0;
            for (int sig = 1; sig < 32; sig++) {
                if (sig != 9 && sig != 19) defaults |= 1L << (sig - 1);
            }
            attr.set(ValueLayout.JAVA_LONG_UNALIGNED, ATTR_SIGDEFAULT, defaults);
            MemorySegment argv = strings(a, spec.argv());
            MemorySegment envp = strings(a, spec.env());
            MemorySegment pid = a.allocate(INT);
            if (switched) Sys.threadBecome(spec.uid(), spec.gid(), spec.groups());
            int rc;
            try {
                rc = (int) spawn.invokeExact(st, pid, a.allocateFrom(spec.path()), fa, attr, argv, envp);
            } finally {
                if (switched) Sys.threadRestoreRoot();
            }
            if (rc != 0) throw new SysException("posix_spawn " + spec.path(), rc);
            return pid.get(INT, 0);
        }
    }

    private static void stdio(Arena a, MemorySegment st, MemorySegment fa, int fd, int target, int flags) throws Throwable {
        if (fd < 0) {
            ok((int) faOpen.invokeExact(st, fa, target, a.allocateFrom("/dev/null"), flags, 0), "addopen /dev/null");
        } else {
            ok((int) faDup2.invokeExact(st, fa, fd, target), "adddup2");
        }
    }

    private static MemorySegment strings(Arena a, List<String> list) {
        MemorySegment arr = a.allocate(ValueLayout.ADDRESS, list.size() + 1);
        for (int i = 0; i < list.size(); i++) arr.setAtIndex(ValueLayout.ADDRESS, i, a.allocateFrom(list.get(i)));
        arr.setAtIndex(ValueLayout.ADDRESS, list.size(), MemorySegment.NULL);
        return arr;
    }

    private static void ok(int rc, String what) {
        // the posix_spawn family returns the error number instead of setting errno
        if (rc != 0) throw new SysException(what, rc);
    }

    /** Makes the downcall handles (also called early at boot, off the critical path). */
    public static synchronized void init() {
        if (spawn != null) return;
        spawn = Libc.handle("posix_spawn", FunctionDescriptor.of(INT, PTR, PTR, PTR, PTR, PTR, PTR));
        faOpen = Libc.handle("posix_spawn_file_actions_addopen", FunctionDescriptor.of(INT, PTR, INT, PTR, INT, INT));
        faDup2 = Libc.handle("posix_spawn_file_actions_adddup2", FunctionDescriptor.of(INT, PTR, INT, INT));
        faChdir = Libc.handle("posix_spawn_file_actions_addchdir_np", FunctionDescriptor.of(INT, PTR, PTR));
        faCloseFrom = Libc.handle("posix_spawn_file_actions_addclosefrom_np", FunctionDescriptor.of(INT, PTR, INT));
    }
}
