package dev.vch.tether.protocol;

import dev.vch.tether.TetherException;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An authenticated link: channels multiplexed over one byte stream. Made by {@link HostLink#accept}
 * (host side) or {@link GuestLink} (guest side) after the handshake. The host opens even channel
 * ids, the guest odd ones.
 */
public final class Link implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Link.class);

    private final FrameReader reader;
    private final FrameWriter writer;
    private final LinkOptions options;
    private final boolean host;
    private final String containerId;
    private final Closeable transport;
    private final Map<Integer, Channel> channels = new ConcurrentHashMap<>();
    private final AtomicInteger nextId;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private volatile Consumer<Channel> onOpen;
    private volatile long lastReceived = System.nanoTime();
    private final AtomicInteger pingSeq = new AtomicInteger();

    Link(FrameReader reader, FrameWriter writer, LinkOptions options, boolean host, String containerId, Closeable transport) {
        this.reader = reader;
        this.writer = writer;
        this.options = options;
        this.host = host;
        this.containerId = containerId;
        this.transport = transport;
        this.nextId = new AtomicInteger(host ? 2 : 1);
        if (!options.pingInterval().isZero()) {
            Thread.ofVirtual().name("link-keepalive-" + containerId).start(this::keepAlive);
        }
    }

    /** The authenticated container id. */
    public String containerId() {
        return containerId;
    }

    /** Handles channels the peer opens (called on the reader thread: hand work to another thread). */
    public void onOpen(Consumer<Channel> handler) {
        this.onOpen = handler;
    }

    public Channel open(OpenRequest request) throws IOException {
        int id = nextId.getAndAdd(2);
        Channel c = new Channel(this, id, request, options.window());
        channels.put(id, c);
        try {
            send(id, new Message.Open(request));
        } catch (IOException e) {
            channels.remove(id);
            throw e;
        }
        return c;
    }

    /** Completes with the reason when the link ends. */
    public CompletableFuture<String> closed() {
        return closed;
    }

    public boolean isOpen() {
        return !closed.isDone();
    }

    @Override
    public void close() {
        shutdown("link closed");
        try {
            transport.close();
        } catch (IOException e) {
            LOG.debug("closing the link transport failed", e);
        }
    }

    /**
     * Reads and dispatches frames until the link ends. Returns normally when the guest is asked for
     * a new handshake (the host end reconnected); throws when the stream ends or breaks.
     */
    void serve() throws IOException {
        try {
            while (true) {
                Frame f = reader.read();
                lastReceived = System.nanoTime();
                if (f.channel() == 0) {
                    if (control(MessageCodec.decode(f))) {
                        shutdown("peer asked for a new handshake");
                        return;
                    }
                } else {
                    channelFrame(f);
                }
            }
        } catch (EOFException e) {
            shutdown("link closed by peer");
            throw e;
        } catch (IOException | RuntimeException e) {
            shutdown("link failed: " + e.getMessage());
            throw e;
        }
    }

    private boolean control(Message m) throws IOException {
        switch (m) {
            case Message.Ping p -> send(0, new Message.Pong(p.seq()));
            case Message.Pong p -> { }
            case Message.HelloRequest r when !host -> {
                return true;
            }
            default -> throw new TetherException(TetherException.Kind.PROTOCOL,
                    "unexpected control message " + m.getClass().getSimpleName() + " on an established link");
        }
        return false;
    }

    private void channelFrame(Frame f) throws IOException {
        Message m;
        try {
            m = MessageCodec.decode(f);
        } catch (TetherException e) {
            LOG.warn("Resetting channel {} of container {}: {}", f.channel(), containerId, e.getMessage());
            Channel c = channels.get(f.channel());
            if (c != null) c.reset(e.getMessage());
            else send(f.channel(), new Message.Reset(e.getMessage()));
            return;
        }
        Channel c = channels.get(f.channel());
        if (m instanceof Message.Open open) {
            accept(f.channel(), open, c);
            return;
        }
        if (c == null) {
            if (!(m instanceof Message.Reset || m instanceof Message.Close || m instanceof Message.Window)) {
                send(f.channel(), new Message.Reset("no such channel " + f.channel()));
            }
            return;
        }
        try {
            if (m instanceof Message.Data d) c.deliverData(d);
            else c.deliver(m);
        } catch (RuntimeException e) {
            LOG.warn("Channel {} handler failed; resetting it", f.channel(), e);
            c.reset("handler failed: " + e.getMessage());
        }
    }

    private void accept(int id, Message.Open open, Channel existing) throws IOException {
        boolean peerParity = host ? (id % 2 == 1) : (id % 2 == 0);
        Consumer<Channel> handler = onOpen;
        if (existing != null || !peerParity || handler == null) {
            send(id, new Message.Reset(existing != null ? "channel " + id + " is already open"
                    : !peerParity ? "channel id " + id + " belongs to the other side" : "channel kind not served here"));
            return;
        }
        Channel c = new Channel(this, id, open.request(), options.window());
        channels.put(id, c);
        try {
            handler.accept(c);
        } catch (RuntimeException e) {
            LOG.warn("Open handler for channel {} failed", id, e);
            c.reset("cannot open: " + e.getMessage());
        }
    }

    void send(int channel, Message m) throws IOException {
        if (closed.isDone()) throw new IOException("link to " + containerId + " is closed");
        byte[] p = MessageCodec.payload(m);
        writer.write(MessageCodec.type(m), channel, p, 0, p.length);
    }

    void sendData(int channel, int stream, byte[] b, int off, int len) throws IOException {
        if (closed.isDone()) throw new IOException("link to " + containerId + " is closed");
        writer.writeData(MessageCodec.DATA, channel, stream, b, off, len);
    }

    void forget(int id) {
        channels.remove(id);
    }

    int maxData() {
        return options.maxData();
    }

    private void shutdown(String reason) {
        if (!closed.complete(reason)) return;
        for (Channel c : List.copyOf(channels.values())) c.terminate(reason);
        channels.clear();
    }

    private void keepAlive() {
        long idleNanos = options.idleTimeout().toNanos();
        while (!closed.isDone()) {
            try {
                Thread.sleep(options.pingInterval());
                if (closed.isDone()) return;
                if (idleNanos > 0 && System.nanoTime() - lastReceived > idleNanos) {
                    LOG.warn("Link to container {} silent for {}; closing it", containerId, options.idleTimeout());
                    close();
                    return;
                }
                send(0, new Message.Ping(pingSeq.incrementAndGet()));
            } catch (InterruptedException e) {
                return;
            } catch (IOException e) {
                close();
                return;
            }
        }
    }
}
