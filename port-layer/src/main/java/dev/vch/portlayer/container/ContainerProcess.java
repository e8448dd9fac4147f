package dev.vch.portlayer.container;

import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The appliance's one attach channel to a container's main process: every byte of output
 * goes to the log store and to the clients attached right now; stdin, signals and resizes go
 * the other way. Opened when the tether's link comes up (at start, or again after a VCH
 * restart, then without START since the process already runs).
 */
final class ContainerProcess {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerProcess.class);

    /** The outcome the tether reported: {@code error} non-empty when the process never ran. */
    record Exit(int status, String error) {
    }

    private final ContainerRecord record;
    private final LogStore logs;
    private final Link link;
    private final Channel channel;
    private final OutputStream stdin;
    final CompletableFuture<Long> started = new CompletableFuture<>();
    final CompletableFuture<Exit> exited = new CompletableFuture<>();
    private final Thread[] readers = new Thread[2];
    /**
     * Output still queued on the channel when EXIT arrived, taken on the link's thread: a link
     * that drops right after the exit (the guest powers off) would discard it. The pump of that
     * stream delivers it after its last chunk, so order is kept.
     */
    private final java.io.ByteArrayOutputStream[] tails = {new java.io.ByteArrayOutputStream(),
            new java.io.ByteArrayOutputStream()};

    private ContainerProcess(ContainerRecord record, LogStore logs, Link link, Channel channel) {
        this.record = record;
        this.logs = logs;
        this.link = link;
        this.channel = channel;
        this.stdin = channel.output(Message.STDIN);
    }

    /** Opens the attach channel; {@code start} also tells the tether to run the process. */
    static ContainerProcess open(ContainerRecord record, LogStore logs, Link link, boolean start,
                                 Consumer<ContainerProcess> onExit) throws IOException {
        // at start, replay: a tether that runs the process at boot (no run-block) keeps its early
        // output for the first attach; a re-attach after a VCH restart must not repeat the log
        Channel ch = link.open(new OpenRequest.Attach(record.id, true, start));
        ContainerProcess p = new ContainerProcess(record, logs, link, ch);
        ch.onMessage(m -> {
            switch (m) {
                case Message.Started s -> p.started.complete(s.pid());
                case Message.Exit e -> {
                    p.keepQueuedOutput();
                    p.exited.complete(new Exit(e.status(), e.error()));
                }
                default -> { }
            }
        });
        p.readers[0] = Thread.ofVirtual().name("stdout-" + Names.shortId(record.id))
                .start(() -> p.pump(Message.STDOUT, StdStream.STDOUT));
        p.readers[1] = Thread.ofVirtual().name("stderr-" + Names.shortId(record.id))
                .start(() -> p.pump(Message.STDERR, StdStream.STDERR));
        link.closed().whenComplete((reason, err) ->
                p.exited.completeExceptionally(new IOException("link closed: " + reason)));
        ch.done().whenComplete((reason, err) -> {
            if (reason != null) {
                p.exited.completeExceptionally(new IOException("attach channel ended: " + reason));
            }
        });
        p.exited.whenComplete((exit, err) -> Thread.ofVirtual().name("exit-" + Names.shortId(record.id)).start(() -> {
            if (exit != null) {
                p.drainOutput();
            }
            onExit.accept(p);
        }));
        if (start) {
            synchronized (record) {
                byte[] early = record.pendingStdin.toByteArray();
                record.pendingStdin.reset();
                if (early.length > 0) {
                    p.stdin.write(early);
                }
                if (record.pendingStdinClosed) {
                    p.stdin.close();
                }
            }
            ch.send(new Message.Start());
        }
        return p;
    }

    String recordId() {
        return record.id;
    }

    boolean linkOpen() {
        return link.isOpen() && !channel.isDone();
    }

    private void pump(int linkStream, StdStream stream) {
        byte[] buf = new byte[32 * 1024];
        try (InputStream in = channel.input(linkStream)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                deliver(stream, java.util.Arrays.copyOf(buf, n));
            }
        } catch (IOException e) {
            LOG.debug("output {} of {} ended: {}", stream, record.id, e.getMessage());
        } finally {
            deliverTail(linkStream - 1, stream);
        }
    }

    private void deliver(StdStream stream, byte[] chunk) {
        logs.append(record.id, stream, chunk);
        for (OutputSink s : record.sinks) {
            s.write(stream, chunk.clone());
        }
    }

    private void deliverTail(int index, StdStream stream) {
        byte[] tail;
        synchronized (tails[index]) {
            tail = tails[index].toByteArray();
            tails[index].reset();
        }
        if (tail.length > 0) {
            deliver(stream, tail);
        }
    }

    /** On the link's thread, at EXIT: everything it delivered before is queued; take it. */
    private void keepQueuedOutput() {
        byte[] buf = new byte[32 * 1024];
        for (int i = 0; i < 2; i++) {
            InputStream in = channel.input(i == 0 ? Message.STDOUT : Message.STDERR);
            synchronized (tails[i]) {
                try {
                    while (in.available() > 0) {
                        int n = in.read(buf);
                        if (n <= 0) {
                            break;
                        }
                        tails[i].write(buf, 0, n);
                    }
                } catch (IOException e) {
                    LOG.debug("queued output of {} lost: {}", record.id, e.getMessage());
                }
            }
        }
    }

    /** After EXIT, output still queued on the channel is delivered before clients are told. */
    private void drainOutput() {
        for (int i = 0; i < readers.length; i++) {
            try {
                if (!readers[i].join(java.time.Duration.ofSeconds(2))) {
                    // no EOF from the guest: the pump is blocked with nothing in hand
                    LOG.debug("output of {} still open 2 s after exit; ending it", record.id);
                    deliverTail(i, i == 0 ? StdStream.STDOUT : StdStream.STDERR);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    void writeStdin(byte[] data) {
        try {
            stdin.write(data);
        } catch (IOException e) {
            LOG.debug("stdin to {} dropped: {}", record.id, e.getMessage());
        }
    }

    void closeStdin() {
        try {
            stdin.close();
        } catch (IOException e) {
            LOG.debug("closing stdin of {} failed: {}", record.id, e.getMessage());
        }
    }

    void signal(int signal) throws IOException {
        channel.send(new Message.Signal(signal));
    }

    void resize(int rows, int cols) throws IOException {
        channel.send(new Message.Resize(rows, cols));
    }

    /** Waits for STARTED (or an EXIT that says the process never ran). */
    Long awaitStarted(long timeoutMillis) {
        try {
            return CompletableFuture.anyOf(started, exited).thenApply(x -> started.getNow(null))
                    .get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return null;
        }
    }

    void close() {
        channel.close();
    }
}
