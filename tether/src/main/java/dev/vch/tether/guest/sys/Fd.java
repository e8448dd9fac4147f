package dev.vch.tether.guest.sys;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Java streams over a raw file descriptor (pipe ends and pty masters the tether made itself).
 * Blocking reads and writes: use them from platform threads.
 */
public final class Fd {

    private Fd() {
    }

    public static InputStream input(int fd) {
        return new InputStream() {
            private final MemorySegment buf = Arena.ofAuto().allocate(256 * 1024);
            private boolean closed;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public synchronized int read(byte[] b, int off, int len) throws IOException {
                if (closed) return -1;
                if (len == 0) return 0;
                int n;
                try {
                    n = Sys.read(fd, buf, Math.min(len, buf.byteSize()));
                } catch (SysException e) {
                    // EIO: a pty master whose slave side is gone; treat as end of stream
                    if (e.errno() == Libc.EIO) return -1;
                    throw new IOException(e.getMessage(), e);
                }
                if (n == 0) return -1;
                MemorySegment.copy(buf, ValueLayout.JAVA_BYTE, 0, b, off, n);
                return n;
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    Sys.close(fd);
                }
            }
        };
    }

    public static OutputStream output(int fd) {
        return new OutputStream() {
            private final MemorySegment buf = Arena.ofAuto().allocate(512 * 1024);
            private boolean closed;

            @Override
            public void write(int b) throws IOException {
                write(new byte[] {(byte) b}, 0, 1);
            }

            @Override
            public synchronized void write(byte[] b, int off, int len) throws IOException {
                if (closed) throw new IOException("fd " + fd + " is closed");
                while (len > 0) {
                    int chunk = (int) Math.min(len, buf.byteSize());
                    MemorySegment.copy(b, off, buf, ValueLayout.JAVA_BYTE, 0, chunk);
                    int done = 0;
                    while (done < chunk) {
                        try {
                            done += Sys.write(fd, buf.asSlice(done), chunk - done);
                        } catch (SysException e) {
                            throw new IOException(e.getMessage(), e);
                        }
                    }
                    off += chunk;
                    len -= chunk;
                }
            }

            @Override
            public synchronized void close() {
                if (!closed) {
                    closed = true;
                    Sys.close(fd);
                }
            }
        };
    }
}
