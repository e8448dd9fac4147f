package dev.vch.portlayer.image.layer;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * Counts the bytes the tar reader consumes while it parses one entry's headers (PAX
 * records, GNU long names) and fails past a budget: commons-compress keeps those headers
 * in memory, so a hostile layer could otherwise declare a 2 GiB "name".
 */
final class HeaderBudget extends FilterInputStream {

    private final long budget;
    private boolean inHeader;
    private long used;

    HeaderBudget(InputStream in, long budget) {
        super(in);
        this.budget = budget;
    }

    void startHeader() {
        inHeader = true;
        used = 0;
    }

    void endHeader() {
        inHeader = false;
    }

    @Override
    public int read() throws IOException {
        int b = super.read();
        count(b < 0 ? 0 : 1);
        return b;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        int n = super.read(b, off, len);
        count(Math.max(0, n));
        return n;
    }

    @Override
    public long skip(long n) throws IOException {
        long s = super.skip(n);
        count(s);
        return s;
    }

    private void count(long n) throws IOException {
        if (inHeader) {
            used += n;
            if (used > budget) {
                throw new IOException("tar entry header larger than " + budget + " bytes");
            }
        }
    }
}
