package dev.vch.tether.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.function.IntConsumer;

/** Received DATA of one stream of a channel, read by the consumer; reading returns credit. */
final class Inbound extends InputStream {

    private final ArrayDeque<byte[]> chunks = new ArrayDeque<>();
    private final IntConsumer consumed;
    private int pos;
    private boolean eof;
    private String error;

    Inbound(IntConsumer consumed) {
        this.consumed = consumed;
    }

    synchronized void offer(byte[] b) {
        if (eof || error != null || b.length == 0) return;
        chunks.add(b);
        notifyAll();
    }

    synchronized void finish() {
        eof = true;
        notifyAll();
    }

    synchronized void fail(String why) {
        if (error == null && !eof) error = why;
        chunks.clear();
        notifyAll();
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xff;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (len == 0) return 0;
        int n = 0;
        synchronized (this) {
            while (chunks.isEmpty() && !eof && error == null) {
                try {
                    wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new InterruptedIOException("interrupted reading a link channel");
                }
            }
            if (chunks.isEmpty()) {
                if (error != null) throw new IOException(error);
                return -1;
            }
            while (n < len && !chunks.isEmpty()) {
                byte[] head = chunks.peek();
                int take = Math.min(len - n, head.length - pos);
                System.arraycopy(head, pos, b, off + n, take);
                n += take;
                pos += take;
                if (pos == head.length) {
                    chunks.poll();
                    pos = 0;
                }
            }
        }
        consumed.accept(n);
        return n;
    }

    @Override
    public synchronized int available() {
        int total = 0;
        for (byte[] c : chunks) total += c.length;
        return total - pos;
    }
}
