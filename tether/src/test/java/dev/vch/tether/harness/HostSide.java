package dev.vch.tether.harness;

import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/** What the port layer does on a link, reduced to what tests need: attach, exec, collect output and exit. */
public final class HostSide {

    /** Output and exit of a session as the host saw it. */
    public record Result(byte[] stdout, byte[] stderr, int code, String error) {
        public String out() {
            return new String(stdout, StandardCharsets.UTF_8);
        }

        public String err() {
            return new String(stderr, StandardCharsets.UTF_8);
        }
    }

    private HostSide() {
    }

    /** Runs an exec session to its end; {@code stdin} (may be null) is written then closed. */
    public static Result exec(Link link, String execId, SessionConfig spec, byte[] stdin, Duration timeout) throws Exception {
        Channel c = link.open(new OpenRequest.Exec(execId));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        c.onMessage(messages::add);
        c.send(new Message.ExecCreate(ExtraConfigCodec.encodeDetailed("", spec).entries()));
        Message created = messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!(created instanceof Message.ExecCreated)) throw new IllegalStateException("exec create answered " + created);
        c.send(new Message.ExecStart());
        return collect(c, messages, stdin, timeout, m -> { });
    }

    /** Attaches to a session and collects until its exit. */
    public static Result attach(Link link, String sessionId, boolean replay, byte[] stdin, Duration timeout,
            Consumer<Channel> whileRunning) throws Exception {
        Channel c = link.open(new OpenRequest.Attach(sessionId, stdin != null, replay));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        c.onMessage(messages::add);
        whileRunning.accept(c);
        return collect(c, messages, stdin, timeout, m -> { });
    }

    static Result collect(Channel c, BlockingQueue<Message> messages, byte[] stdin, Duration timeout, Consumer<Message> other)
            throws Exception {
        CompletableFuture<byte[]> out = drain(c.input(Message.STDOUT));
        CompletableFuture<byte[]> err = drain(c.input(Message.STDERR));
        if (stdin != null) {
            Thread.ofVirtual().start(() -> {
                try (OutputStream in = c.output(Message.STDIN)) {
                    in.write(stdin);
                } catch (IOException ignored) {
                    // the session ended first
                }
            });
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Message m = messages.poll(Math.max(1, (deadline - System.nanoTime()) / 1_000_000), TimeUnit.MILLISECONDS);
            if (m == null) throw new TimeoutException("no exit within " + timeout);
            if (m instanceof Message.Exit e) {
                byte[] o = out.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                byte[] r = err.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
                c.close();
                return new Result(o, r, e.status(), e.error());
            }
            if (m instanceof Message.Reset r) throw new IllegalStateException("channel reset: " + r.reason());
            other.accept(m);
        }
    }

    static CompletableFuture<byte[]> drain(InputStream in) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            try {
                in.transferTo(all);
                f.complete(all.toByteArray());
            } catch (IOException e) {
                f.complete(all.toByteArray());
            }
        });
        return f;
    }
}
