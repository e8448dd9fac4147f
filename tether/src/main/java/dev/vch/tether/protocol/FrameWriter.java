package dev.vch.tether.protocol;

import java.io.IOException;
import java.io.OutputStream;

/** Writes whole frames, one {@code write} each (a virtio port or socket then sees whole frames). */
final class FrameWriter {

    private final OutputStream out;

    FrameWriter(OutputStream out) {
        this.out = out;
    }

    void write(int type, int channel, byte[] payload, int off, int len) throws IOException {
        byte[] buf = new byte[Frame.HEADER + len];
        buf[0] = Frame.MAGIC0;
        buf[1] = Frame.MAGIC1;
        buf[2] = (byte) type;
        buf[3] = 0;
        putInt(buf, 4, channel);
        putInt(buf, 8, len);
        System.arraycopy(payload, off, buf, Frame.HEADER, len);
        synchronized (this) {
            out.write(buf);
            out.flush();
        }
    }

    /** A DATA frame built in one buffer: header, stream byte, bytes (one copy of the data). */
    void writeData(int type, int channel, int stream, byte[] b, int off, int len) throws IOException {
        byte[] buf = new byte[Frame.HEADER + 1 + len];
        buf[0] = Frame.MAGIC0;
        buf[1] = Frame.MAGIC1;
        buf[2] = (byte) type;
        putInt(buf, 4, channel);
        putInt(buf, 8, len + 1);
        buf[Frame.HEADER] = (byte) stream;
        System.arraycopy(b, off, buf, Frame.HEADER + 1, len);
        synchronized (this) {
            out.write(buf);
            out.flush();
        }
    }

    private static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
