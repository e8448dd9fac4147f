package dev.vch.tether.guest;

import java.util.ArrayDeque;
import java.util.List;

/**
 * The last output of a session (stdout and stderr in order), kept for log replay: an attach that
 * comes after a fast process already wrote, or a link that was down. Bounded: the oldest chunks go.
 */
final class OutputLog {

    record Chunk(int stream, byte[] bytes) {
    }

    private final ArrayDeque<Chunk> chunks = new ArrayDeque<>();
    private final long limit;
    private long size;
    private long dropped;

    OutputLog(long limit) {
        this.limit = limit;
    }

    void append(int stream, byte[] b, int off, int len) {
        byte[] copy = new byte[len];
        System.arraycopy(b, off, copy, 0, len);
        chunks.add(new Chunk(stream, copy));
        size += len;
        while (size > limit && chunks.size() > 1) {
            Chunk old = chunks.poll();
            size -= old.bytes().length;
            dropped += old.bytes().length;
        }
    }

    List<Chunk> snapshot() {
        return List.copyOf(chunks);
    }

    long dropped() {
        return dropped;
    }
}
