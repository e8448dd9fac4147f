package dev.vch.appliance.it;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A command on a pseudo-terminal, as a user at a terminal runs it: util-linux {@code script}
 * gives the command a pty and relays our bytes to it (so {@code docker run -it} and detach
 * keys behave as they do interactively). Output is collected for {@link #expect}.
 */
final class PtySession implements AutoCloseable {
    private final Process process;
    private final OutputStream keys;
    private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

    PtySession(List<String> command) throws IOException {
        String line = command.stream().map(PtySession::quote).collect(Collectors.joining(" "));
        process = new ProcessBuilder("script", "-qfec", line, "/dev/null").redirectErrorStream(true).start();
        keys = process.getOutputStream();
        Thread.ofVirtual().start(() -> pump(process.getInputStream()));
    }

    private void pump(InputStream in) {
        byte[] buf = new byte[8192];
        try (in) {
            for (int n; (n = in.read(buf)) > 0; ) {
                synchronized (seen) {
                    seen.write(buf, 0, n);
                    seen.notifyAll();
                }
            }
        } catch (IOException e) {
            // the process ended
        }
    }

    /** Types {@code text} (control characters included) on the terminal. */
    PtySession type(String text) throws IOException {
        keys.write(text.getBytes(StandardCharsets.UTF_8));
        keys.flush();
        return this;
    }

    /** Waits until the terminal has shown {@code text}; fails with what it did show. */
    PtySession expect(String text, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (seen) {
            while (!output().contains(text)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the terminal did not show \"" + text + "\" within " + timeout
                            + "; it showed:\n" + output());
                }
                TimeUnit.NANOSECONDS.timedWait(seen, left);
            }
        }
        return this;
    }

    /** Everything the terminal showed so far. */
    String output() {
        synchronized (seen) {
            return seen.toString(StandardCharsets.UTF_8);
        }
    }

    /** Waits for the command to end and returns its exit code. */
    int exitCode(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError("the command on the terminal did not end within " + timeout + "; it showed:\n"
                    + output());
        }
        return process.exitValue();
    }

    private static String quote(String arg) {
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
