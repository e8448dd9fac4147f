package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** Waiting on what a guest does, with its console in the failure message. */
final class ItSupport {

    private ItSupport() {
    }

    /** Waits for a guest write {@code key=value} (the value must start with {@code valuePrefix}); returns the value. */
    static String awaitWrite(MapGuestInfoStore store, String key, String valuePrefix, int seconds, Path console) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            long left = deadline - System.nanoTime();
            String w = left > 0 ? store.writes.poll(left, TimeUnit.NANOSECONDS) : null;
            if (w == null) {
                fail("guest did not write " + key + "=" + valuePrefix + "... within " + seconds + " s; console:\n" + console(console));
            }
            if (w.startsWith(key + "=" + valuePrefix)) {
                return w.substring(key.length() + 1);
            }
        }
    }

    /**
     * Keeps every worker of the common pool busy until closed, as a JVM full of blocking
     * {@code supplyAsync} work does (a test harness reading CLI output, say): what the runtimes
     * report must not wait for that pool.
     */
    static AutoCloseable occupyCommonPool() throws InterruptedException {
        int n = java.util.concurrent.ForkJoinPool.getCommonPoolParallelism();
        java.util.concurrent.CountDownLatch busy = new java.util.concurrent.CountDownLatch(n);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        for (int i = 0; i < n; i++) {
            java.util.concurrent.ForkJoinPool.commonPool().execute(() -> {
                busy.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        if (!busy.await(10, TimeUnit.SECONDS)) fail("the common pool did not start " + n + " tasks");
        return release::countDown;
    }

    static String console(Path file) {
        if (file == null) return "(none)";
        try {
            String s = Files.readString(file, StandardCharsets.UTF_8);
            return s.length() > 4000 ? s.substring(s.length() - 4000) : s;
        } catch (IOException e) {
            return "(no console: " + e + ")";
        }
    }
}
