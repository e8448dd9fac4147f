package dev.vch.tether.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * One multiplexed channel of a link. DATA is exposed as streams ({@link #input}, {@link #output});
 * every other message goes to the {@link #onMessage} listener (called on the link's reader thread:
 * it must not block). Messages that arrive before a listener is set are kept and delivered to it.
 */
public final class Channel {

    private final Link link;
    private final int id;
    private final OpenRequest request;
    private final Inbound[] inputs = new Inbound[3];
    private final int window;
    private final CompletableFuture<String> done = new CompletableFuture<>();
    private final List<Message> pending = new ArrayList<>();
    private Consumer<Message> listener;
    private long sendCredit;
    private long recvCredit;
    private int unacked;
    private boolean localClosed;
    private boolean remoteClosed;

    Channel(Link link, int id, OpenRequest request, int window) {
        this.link = link;
        this.id = id;
        this.request = request;
        this.window = window;
        this.sendCredit = window;
        this.recvCredit = window;
        for (int i = 0; i < inputs.length; i++) inputs[i] = new Inbound(this::consumed);
    }

    public int id() {
        return id;
    }

    public OpenRequest request() {
        return request;
    }

    /** Bytes the peer sent on {@code stream} (Message.STDIN/STDOUT/STDERR); -1 after its EOF or close. */
    public InputStream input(int stream) {
        return inputs[stream];
    }

    /** Writes DATA frames on {@code stream}, blocking while the peer grants no credit. close() sends EOF. */
    public OutputStream output(int stream) {
        return new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public void write(byte[] b, int off, int len) throws IOException {
                sendData(stream, b, off, len);
            }

            @Override
            public void close() throws IOException {
                if (!isDone()) send(new Message.Eof(stream));
            }
        };
    }

    /** Sends a non-DATA message on this channel. */
    public void send(Message m) throws IOException {
        if (m instanceof Message.Data) throw new IllegalArgumentException("use output(stream) for DATA");
        if (isDone()) throw new IOException("channel " + id + " is closed");
        link.send(id, m);
    }

    public void onMessage(Consumer<Message> l) {
        List<Message> backlog;
        synchronized (this) {
            listener = l;
            backlog = new ArrayList<>(pending);
            pending.clear();
        }
        backlog.forEach(l);
    }

    /** Orderly close of our side; the channel is done when the peer closed too. */
    public void close() {
        boolean sendClose;
        synchronized (this) {
            sendClose = !localClosed && !done.isDone();
            localClosed = true;
            notifyAll();
        }
        if (sendClose) {
            try {
                link.send(id, new Message.Close());
            } catch (IOException e) {
                terminate("link closed");
            }
        }
        maybeDone();
    }

    /** Aborts the channel and tells the peer why. */
    public void reset(String reason) {
        if (done.isDone()) return;
        try {
            link.send(id, new Message.Reset(reason));
        } catch (IOException ignored) {
            // the link is gone: the channel is over anyway
        }
        terminate(reason);
    }

    /** Completes when the channel is over: with null after an orderly close by both sides, else the reason. */
    public CompletableFuture<String> done() {
        return done;
    }

    public boolean isDone() {
        return done.isDone();
    }

    // ---- called by the link ----

    void deliverData(Message.Data d) {
        synchronized (this) {
            recvCredit -= d.bytes().length;
            if (recvCredit < 0) {
                recvCredit = 0;
                violated("the peer sent more DATA than its credit on channel " + id);
                return;
            }
        }
        if (d.stream() < 0 || d.stream() >= inputs.length) {
            violated("DATA for unknown stream " + d.stream() + " on channel " + id);
            return;
        }
        inputs[d.stream()].offer(d.bytes());
    }

    void deliver(Message m) {
        switch (m) {
            case Message.Window w -> {
                synchronized (this) {
                    sendCredit += w.credit();
                    notifyAll();
                }
            }
            case Message.Eof e -> {
                if (e.stream() >= 0 && e.stream() < inputs.length) inputs[e.stream()].finish();
            }
            case Message.Close c -> {
                synchronized (this) {
                    remoteClosed = true;
                }
                for (Inbound in : inputs) in.finish();
                toListener(m);
                maybeDone();
            }
            case Message.Reset r -> {
                toListener(m);
                terminate("reset by peer: " + r.reason());
            }
            default -> toListener(m);
        }
    }

    void terminate(String reason) {
        for (Inbound in : inputs) in.fail(reason == null ? "channel closed" : reason);
        synchronized (this) {
            localClosed = true;
            remoteClosed = true;
            notifyAll();
        }
        if (done.complete(reason)) link.forget(id);
    }

    private void violated(String why) {
        reset(why);
    }

    private void toListener(Message m) {
        Consumer<Message> l;
        synchronized (this) {
            l = listener;
            if (l == null) {
                pending.add(m);
                return;
            }
        }
        l.accept(m);
    }

    private void maybeDone() {
        boolean both;
        synchronized (this) {
            both = localClosed && remoteClosed;
        }
        if (both && done.complete(null)) link.forget(id);
    }

    private void consumed(int n) {
        int grant = 0;
        synchronized (this) {
            unacked += n;
            if (unacked >= window / 4) {
                grant = unacked;
                recvCredit += grant;
                unacked = 0;
            }
        }
        if (grant > 0 && !isDone()) {
            try {
                link.send(id, new Message.Window(grant));
            } catch (IOException e) {
                terminate("link closed");
            }
        }
    }

    private void sendData(int stream, byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n;
            synchronized (this) {
                while (sendCredit <= 0 && !localClosed && !done.isDone()) {
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new InterruptedIOException("interrupted waiting for link credit");
                    }
                }
                if (localClosed || done.isDone()) throw new IOException("channel " + id + " is closed");
                n = (int) Math.min(Math.min(len, link.maxData()), sendCredit);
                sendCredit -= n;
            }
            link.sendData(id, stream, b, off, n);
            off += n;
            len -= n;
        }
    }
}
