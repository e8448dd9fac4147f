package dev.vch.tether.protocol;

import dev.vch.tether.TetherException;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;

/**
 * Reads frames. A bad magic or a length over the maximum breaks the link (the stream can no
 * longer be trusted to be in step); {@link #resync} skips bytes until a given control frame.
 */
final class FrameReader {

    private final InputStream in;
    private final int maxPayload;
    private final byte[] header = new byte[Frame.HEADER];

    FrameReader(InputStream in, int maxPayload) {
        this.in = in;
        this.maxPayload = maxPayload;
    }

    Frame read() throws IOException {
        readFully(header, 0, Frame.HEADER);
        if (header[0] != Frame.MAGIC0 || header[1] != Frame.MAGIC1) {
            throw new TetherException(TetherException.Kind.PROTOCOL, String.format(
                    "bad frame magic 0x%02x%02x: the link is out of step", header[0] & 0xff, header[1] & 0xff));
        }
        return body();
    }

    /**
     * Skips input until the header of a control-channel frame whose type is one of {@code types},
     * and returns that frame. Used to find a hello after connecting mid-stream.
     */
    Frame resync(int... types) throws IOException {
        int filled = 0;
        while (true) {
            while (filled < Frame.HEADER) {
                int n = in.read(header, filled, Frame.HEADER - filled);
                if (n < 0) throw new EOFException("link closed while looking for a hello");
                filled += n;
            }
            if (looksLikeControlHeader(types)) {
                return body();
            }
            // slide by one byte and keep looking
            System.arraycopy(header, 1, header, 0, Frame.HEADER - 1);
            filled = Frame.HEADER - 1;
        }
    }

    private boolean looksLikeControlHeader(int[] types) {
        if (header[0] != Frame.MAGIC0 || header[1] != Frame.MAGIC1 || header[3] != 0) return false;
        if (readInt(4) != 0) return false;
        int len = readInt(8);
        if (len < 0 || len > maxPayload) return false;
        for (int t : types) {
            if ((header[2] & 0xff) == t) return true;
        }
        return false;
    }

    private Frame body() throws IOException {
        int type = header[2] & 0xff;
        int channel = readInt(4);
        int len = readInt(8);
        if (len < 0 || len > maxPayload) {
            throw new TetherException(TetherException.Kind.PROTOCOL,
                    "frame of " + Integer.toUnsignedString(len) + " bytes on channel " + channel + " exceeds the maximum of " + maxPayload);
        }
        byte[] payload = new byte[len];
        readFully(payload, 0, len);
        return new Frame(type, channel, payload);
    }

    private int readInt(int at) {
        return ((header[at] & 0xff) << 24) | ((header[at + 1] & 0xff) << 16) | ((header[at + 2] & 0xff) << 8) | (header[at + 3] & 0xff);
    }

    private void readFully(byte[] b, int off, int len) throws IOException {
        while (len > 0) {
            int n = in.read(b, off, len);
            if (n < 0) throw new EOFException("link closed");
            off += n;
            len -= n;
        }
    }
}
