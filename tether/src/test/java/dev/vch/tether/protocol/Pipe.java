package dev.vch.tether.protocol;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An in-memory one-way byte pipe with a bounded buffer (a stand-in for one direction of a serial link). */
final class Pipe {

    private final byte[] buf = new byte[256 * 1024];
    private int head;
    private int size;
    private boolean closed;

    final InputStream in = new InputStream() {
        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            synchronized (Pipe.this) {
                while (size == 0 && !closed) waitQuietly();
                if (size == 0) return -1;
                int n = Math.min(len, size);
                for (int i = 0; i < n; i++) b[off + i] = buf[(head + i) % buf.length];
                head = (head + n) % buf.length;
                size -= n;
                Pipe.this.notifyAll();
                return n;
            }
        }

        @Override
        public void close() {
            Pipe.this.close();
        }
    };

    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            synchronized (Pipe.this) {
                while (len > 0) {
                    while (size == buf.length && !closed) waitQuietly();
                    if (closed) throw new IOException("pipe closed");
                    int n = Math.min(len, buf.length - size);
                    for (int i = 0; i < n; i++) buf[(head + size + i) % buf.length] = b[off + i];
                    size += n;
                    off += n;
                    len -= n;
                    Pipe.this.notifyAll();
                }
            }
        }

        @Override
        public void close() {
            Pipe.this.close();
        }
    };

    synchronized void close() {
        closed = true;
        notifyAll();
    }

    private void waitQuietly() throws IOException {
        try {
            wait();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException();
        }
    }
}
