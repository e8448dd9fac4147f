package dev.vch.personality.stream;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.portlayer.api.StdStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.handler.codec.http.DefaultHttpContent;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.concurrent.CompletableFuture;

/**
 * The body of a chunked streaming response, written from a handler's (virtual) thread.
 * Each write is flushed: the client sees wait results, events and log lines at once.
 * Writes block while the socket's buffer is full, so a slow client slows the producer
 * instead of filling memory.
 */
public final class ResponseStream {
    private final Channel channel;
    private final ObjectMapper json;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final Runnable sendHeaders;
    private boolean begun;

    /** {@code sendHeaders} writes the response headers; it is called once, before any body. */
    public ResponseStream(Channel channel, ObjectMapper json, Runnable sendHeaders) {
        this.channel = channel;
        this.json = json;
        this.sendHeaders = sendHeaders;
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /** Sends the status line and headers now, even before any body. */
    public synchronized void begin() {
        if (!begun) {
            begun = true;
            sendHeaders.run();
        }
    }

    /** Whether the headers have been sent (after that, errors can only end the body). */
    public synchronized boolean begun() {
        return begun;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Completes when the client goes away. */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public void write(byte[] data) {
        write(Unpooled.wrappedBuffer(data));
    }

    /** One JSON document followed by a newline (events, progress, wait). */
    public void writeJsonLine(Object value) {
        try {
            byte[] bytes = json.writeValueAsBytes(value);
            ByteBuf buf = channel.alloc().buffer(bytes.length + 1).writeBytes(bytes).writeByte('\n');
            write(buf);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A chunk of process output, framed or raw. */
    public void writeFrame(boolean multiplexed, StdStream stream, byte[] data) {
        write(Framing.frame(channel.alloc(), multiplexed, stream, data));
    }

    private void write(ByteBuf buf) {
        begin();
        if (!channel.isActive()) {
            buf.release();
            return;
        }
        ChannelFuture f = channel.writeAndFlush(new DefaultHttpContent(buf));
        Backpressure.await(channel, f);
    }
}
