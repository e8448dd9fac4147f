package dev.vch.tether.guest.sys;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * PID 1's child reaper: one platform thread in waitpid(-1) collects every child, ours and the
 * orphans the kernel hands to init (zombies), and completes the futures of the processes the
 * tether started. An exit that arrives before its pid is registered is kept for the registration.
 */
public final class Reaper {

    private final Map<Long, CompletableFuture<Sys.Waited>> waiting = new HashMap<>();
    private final Map<Long, Sys.Waited> early = new HashMap<>();
    private long reaped;
    private boolean children;

    public Reaper start() {
        Thread t = new Thread(this::loop, "tether-reaper");
        t.setDaemon(true);
        t.start();
        return this;
    }

    /** Call right after a spawn: wakes the reaper if it had no children to wait for. */
    public synchronized CompletableFuture<Sys.Waited> register(long pid) {
        children = true;
        notifyAll();
        Sys.Waited done = early.remove(pid);
        if (done != null) return CompletableFuture.completedFuture(done);
        return waiting.computeIfAbsent(pid, p -> new CompletableFuture<>());
    }

    /** Children reaped so far that the tether did not start itself (orphans re-parented to PID 1). */
    public synchronized long orphansReaped() {
        return reaped;
    }

    private void loop() {
        while (true) {
            Sys.Waited w = Sys.waitpid(-1, 0);
            if (w.pid() < 0) {
                synchronized (this) {
                    children = false;
                    while (!children) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                }
                continue;
            }
            CompletableFuture<Sys.Waited> f;
            synchronized (this) {
                f = waiting.remove(w.pid());
                if (f == null) {
                    early.put(w.pid(), w);
                    reaped++;
                    // keep the map bounded: orphans are never registered
                    if (early.size() > 4096) early.clear();
                }
            }
            if (f != null) f.complete(w);
        }
    }
}
