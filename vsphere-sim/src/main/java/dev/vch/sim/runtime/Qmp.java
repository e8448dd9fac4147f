package dev.vch.sim.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A minimal QMP client over qemu's unix socket. Commands are written as one JSON line (arguments
 * built by the caller with {@link #quote}); qemu answers one JSON object per line, so a
 * line-oriented reader suffices: events (lines with {@code "event"}) are skipped, the first
 * {@code return} or {@code error} answers the command.
 */
final class Qmp implements AutoCloseable {

    private static final Pattern DESC = Pattern.compile("\"desc\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([a-z-]+)\"");

    private final SocketChannel channel;
    private final LineReader in;
    private final OutputStream out;

    private Qmp(SocketChannel channel) throws IOException {
        this.channel = channel;
        InputStream is = Channels.newInputStream(channel);
        this.in = new LineReader(is, 1 << 20);
        this.out = Channels.newOutputStream(channel);
        String greeting = in.readLine();
        if (greeting == null || !greeting.contains("\"QMP\"")) {
            throw new IOException("no QMP greeting from qemu: " + greeting);
        }
        execute("qmp_capabilities");
    }

    /**
     * Connects to {@code socket}, retrying while qemu is still starting ({@code alive} true) until
     * {@code timeoutMillis} passes.
     */
    static Qmp connect(Path socket, BooleanSupplier alive, long timeoutMillis) throws IOException {
        long deadline = System.nanoTime() + timeoutMillis * 1_000_000;
        long pauseMillis = 1;
        while (true) {
            SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX);
            try {
                ch.connect(UnixDomainSocketAddress.of(socket));
                return new Qmp(ch);
            } catch (IOException e) {
                ch.close();
                if (!alive.getAsBoolean()) {
                    throw new IOException("qemu exited before its QMP socket answered");
                }
                if (System.nanoTime() > deadline) {
                    throw new IOException("qemu's QMP socket " + socket + " did not answer in " + timeoutMillis + " ms: " + e.getMessage(), e);
                }
            }
            try {
                // qemu creates the socket within milliseconds of starting; poll finely, then back off
                Thread.sleep(pauseMillis);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for qemu's QMP socket", ie);
            }
            pauseMillis = Math.min(pauseMillis * 2, 50);
        }
    }

    /** Runs a command without arguments; returns the raw answer line. */
    String execute(String command) throws IOException {
        return execute(command, null);
    }

    /**
     * Runs a command; {@code arguments} is a JSON object text or null. Returns the raw answer line.
     */
    synchronized String execute(String command, String arguments) throws IOException {
        String line0 = "{\"execute\":" + quote(command) + (arguments == null ? "" : ",\"arguments\":" + arguments) + "}\n";
        out.write(line0.getBytes(StandardCharsets.UTF_8));
        out.flush();
        while (true) {
            String line = in.readLine();
            if (line == null) {
                throw new IOException("qemu closed QMP during " + command);
            }
            if (line.startsWith("{\"return\"")) {
                return line;
            }
            if (line.startsWith("{\"error\"")) {
                Matcher m = DESC.matcher(line);
                throw new IOException("qemu refused " + command + ": " + (m.find() ? m.group(1) : line));
            }
            // an event: not the answer
        }
    }

    /** {@code query-status}: running, paused, shutdown, ... */
    String status() throws IOException {
        Matcher m = STATUS.matcher(execute("query-status"));
        return m.find() ? m.group(1) : "unknown";
    }

    /** A JSON string literal of {@code s}. */
    static String quote(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        return sb.append('"').toString();
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
