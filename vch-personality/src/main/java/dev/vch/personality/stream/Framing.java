package dev.vch.personality.stream;

import dev.vch.portlayer.api.StdStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

/**
 * Docker's stream framing. Multiplexed (no TTY): every chunk gets an 8-byte header
 * {@code [stream, 0, 0, 0, uint32 BE length]}, stream 1 = stdout, 2 = stderr, 3 = a daemon
 * error. Raw (TTY): the bytes as they are.
 */
public final class Framing {
    public static final String MULTIPLEXED = "application/vnd.docker.multiplexed-stream";
    public static final String RAW = "application/vnd.docker.raw-stream";
    /** The stream number dockerd uses for its own error text in a multiplexed stream. */
    public static final int SYSTEM_ERROR = 3;

    private Framing() {
    }

    public static ByteBuf frame(ByteBufAllocator alloc, boolean multiplexed, StdStream stream, byte[] data) {
        return frame(alloc, multiplexed, stream.number(), data);
    }

    public static ByteBuf frame(ByteBufAllocator alloc, boolean multiplexed, int stream, byte[] data) {
        if (!multiplexed) {
            return io.netty.buffer.Unpooled.wrappedBuffer(data);
        }
        ByteBuf buf = alloc.buffer(8 + data.length);
        buf.writeByte(stream).writeByte(0).writeByte(0).writeByte(0).writeInt(data.length).writeBytes(data);
        return buf;
    }
}
