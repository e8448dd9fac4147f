package dev.vch.portlayer.container;

import dev.vch.portlayer.api.Attachment;
import dev.vch.portlayer.api.ExecInstance;
import dev.vch.portlayer.api.ExecSpec;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.PortLayerException.Kind;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.link.LinkRegistry;
import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * One exec: an EXEC channel on the container's link carrying EXEC_CREATE (the session config),
 * EXEC_START, stdio and EXIT.
 */
final class ExecSession {
    private final String id;
    private final ContainerRecord container;
    private final ExecSpec spec;
    private final LinkRegistry links;
    private volatile Channel channel;
    private volatile boolean running;
    private volatile Integer exitCode;
    private volatile int pid;
    /** dockerd's exit code of an exec whose process could not be started (not found, not executable). */
    static final int EXEC_FAILED = 126;

    ExecSession(String id, ContainerRecord container, ExecSpec spec, LinkRegistry links) {
        this.id = id;
        this.container = container;
        this.spec = spec;
        this.links = links;
    }

    String containerId() {
        return container.id;
    }

    ExecInstance inspect() {
        return new ExecInstance(id, container.id, spec, running, exitCode, pid);
    }

    synchronized Attachment start(boolean detach, OutputSink sink) {
        if (channel != null) {
            throw PortLayerException.conflict("Error: Exec command " + id + " has already run");
        }
        Link link = links.current(container.id).orElseGet(this::awaitLink);
        OnceSink out = new OnceSink(sink, true, true);
        try {
            Channel ch = link.open(new OpenRequest.Exec(id));
            channel = ch;
            running = true;
            List<Thread> readers = new ArrayList<>();
            ch.onMessage(m -> {
                switch (m) {
                    case Message.ExecCreated x -> sendQuietly(ch, new Message.ExecStart());
                    case Message.Started s -> pid = (int) s.pid();
                    case Message.Exit e -> Thread.ofVirtual().start(() -> {
                        for (Thread t : readers) {
                            joinQuietly(t);
                        }
                        boolean neverStarted = pid == 0 && e.error() != null && !e.error().isEmpty();
                        if (neverStarted) {
                            // as dockerd: the reason on the client's stdout, exit code 126 whatever it was
                            out.write(StdStream.STDOUT, (e.error() + "\r\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
                            exitCode = EXEC_FAILED;
                        } else {
                            exitCode = e.status();
                        }
                        running = false;
                        out.end(neverStarted || e.error() == null || e.error().isEmpty() ? null : e.error());
                        ch.close();
                    });
                    case Message.Reset r -> {
                        running = false;
                        out.end("exec ended: " + r.reason());
                    }
                    default -> { }
                }
            });
            readers.add(Thread.ofVirtual().start(() -> pump(ch.input(Message.STDOUT), StdStream.STDOUT, out, detach)));
            readers.add(Thread.ofVirtual().start(() -> pump(ch.input(Message.STDERR), StdStream.STDERR, out, detach)));
            ch.send(new Message.ExecCreate(ExtraConfigCodec.encodeDetailed("", session()).entries()));
        } catch (IOException e) {
            running = false;
            throw new PortLayerException(Kind.UNAVAILABLE, "cannot start exec " + id + ": " + e.getMessage(), e);
        }
        if (detach) {
            out.end(null);
        }
        OutputStream stdin = channel.output(Message.STDIN);
        return new Attachment() {
            @Override
            public void writeStdin(byte[] data) {
                try {
                    stdin.write(data);
                } catch (IOException ignored) {
                    // the exec ended; its EXIT tells the client
                }
            }

            @Override
            public void closeStdin() {
                try {
                    stdin.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }

            @Override
            public void close() {
                out.end(null);
            }
        };
    }

    /** The link is down for a moment (the tether reconnects): wait for it, bounded. */
    private Link awaitLink() {
        if (!container.running()) {
            throw VsphereContainerService.notRunning(container);
        }
        try {
            return links.await(container.id).get(Lifecycle.RELINK.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new PortLayerException(Kind.UNAVAILABLE, "the link to container " + container.id
                    + " is down and did not come back within " + Lifecycle.RELINK.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(Kind.INTERNAL, "interrupted waiting for the link of " + container.id);
        }
    }

    private SessionConfig session() {
        List<String> env = new ArrayList<>(container.spec.env());
        env.addAll(spec.env());
        String dir = spec.workingDir() == null || spec.workingDir().isBlank() ? container.spec.workingDir() : spec.workingDir();
        Cmd cmd = new Cmd(spec.cmd().get(0), spec.cmd().subList(1, spec.cmd().size()), env,
                dir == null || dir.isBlank() ? "/" : dir);
        String user = spec.user() == null || spec.user().isBlank() ? container.spec.user() : spec.user();
        return new SessionConfig(Common.of(id, id), cmd, spec.tty(), true, spec.attachStdin(), true, user, null,
                null, null, null);
    }

    void resize(int height, int width) {
        Channel ch = channel;
        if (ch == null || !running) {
            throw PortLayerException.conflict("Exec " + id + " is not running");
        }
        sendQuietly(ch, new Message.Resize(height, width));
    }

    private static void pump(InputStream in, StdStream stream, OutputSink out, boolean detach) {
        byte[] buf = new byte[32 * 1024];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (!detach) {
                    out.write(stream, java.util.Arrays.copyOf(buf, n));
                }
            }
        } catch (IOException ignored) {
            // the channel ended
        }
    }

    private static void sendQuietly(Channel ch, Message m) {
        try {
            ch.send(m);
        } catch (IOException ignored) {
            // the channel is gone; the exec ends with it
        }
    }

    private static void joinQuietly(Thread t) {
        try {
            t.join(java.time.Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
