package dev.vch.sim.runtime;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads LF-terminated UTF-8 lines with a length limit, so that a hostile guest cannot make the
 * host buffer without bound: an over-long line is consumed up to its LF and reported as
 * {@link #TOO_LONG}.
 */
final class LineReader {

    /** Returned (by identity) for a line that exceeded the limit. */
    static final String TOO_LONG = new String("<too long>");

    private final InputStream in;
    private final int maxBytes;
    private final byte[] buf = new byte[8192];
    private int pos;
    private int end;

    LineReader(InputStream in, int maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** The next line without its LF, {@link #TOO_LONG}, or null at end of stream. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        boolean overflow = false;
        while (true) {
            if (pos == end) {
                end = in.read(buf, 0, buf.length);
                pos = 0;
                if (end <= 0) {
                    end = 0;
                    return null; // a partial last line without LF is not a request
                }
            }
            int start = pos;
            while (pos < end && buf[pos] != '\n') {
                pos++;
            }
            if (!overflow) {
                line.write(buf, start, pos - start);
                if (line.size() > maxBytes) {
                    overflow = true;
                    line = new ByteArrayOutputStream();
                }
            }
            if (pos < end) {
                pos++; // the LF
                return overflow ? TOO_LONG : line.toString(StandardCharsets.UTF_8);
            }
        }
    }
}
