package dev.vch.personality.stream;

import dev.vch.portlayer.api.Attachment;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.ssl.SslCloseCompletionEvent;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The connection after {@code 101 UPGRADED}: client bytes are the process's stdin, the
 * process's output goes back framed (multiplexed) or raw (TTY).
 *
 * <p>stdin that arrives before the port layer's {@link Attachment} is connected is kept
 * and handed over in order. A client half-close (TCP FIN, or a TLS close_notify) closes
 * the process's stdin while output keeps flowing; the connection closes when the output
 * ends.
 */
public final class HijackedStream extends ChannelInboundHandlerAdapter {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(HijackedStream.class);
    private final Channel channel;
    private final boolean multiplexed;
    private final CompletableFuture<Void> closed = new CompletableFuture<>();
    private final List<byte[]> pending = new ArrayList<>();
    private final List<io.netty.buffer.ByteBuf> early = new ArrayList<>();
    private boolean upgraded;
    private boolean endPending;
    private Attachment attachment;
    private boolean inputEnded;

    public HijackedStream(Channel channel, boolean multiplexed) {
        this.channel = channel;
        this.multiplexed = multiplexed;
        channel.closeFuture().addListener(f -> closed.complete(null));
    }

    /**
     * Where the port layer should send output. {@code end} closes the connection. Output
     * produced before the connection is upgraded (the stream is attached before the 101 is
     * sent, so nothing the process prints after start can be missed) is kept and sent
     * right after the 101.
     */
    public OutputSink sink() {
        return new OutputSink() {
            @Override
            public void write(StdStream stream, byte[] data) {
                if (data.length == 0) {
                    return;
                }
                synchronized (HijackedStream.this) {
                    if (!upgraded) {
                        early.add(Framing.frame(channel.alloc(), multiplexed, stream, data));
                        return;
                    }
                }
                if (channel.isActive()) {
                    var f = channel.writeAndFlush(Framing.frame(channel.alloc(), multiplexed, stream, data));
                    f.addListener(done -> {
                        if (!done.isSuccess()) {
                            LOG.debug("output to {} lost: {}", channel.remoteAddress(), done.cause().toString());
                        }
                    });
                    Backpressure.await(channel, f);
                }
            }

            @Override
            public void end(String error) {
                synchronized (HijackedStream.this) {
                    if (error != null && !error.isEmpty() && multiplexed) {
                        var frame = Framing.frame(channel.alloc(), true, Framing.SYSTEM_ERROR,
                                error.getBytes(StandardCharsets.UTF_8));
                        if (upgraded) {
                            channel.write(frame);
                        } else {
                            early.add(frame);
                        }
                    }
                    if (!upgraded) {
                        endPending = true;
                        return;
                    }
                }
                channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
            }
        };
    }

    /** Called on the event loop once the 101 is written and the pipeline is raw: sends early output. */
    public void upgraded() {
        boolean close;
        synchronized (this) {
            for (var frame : early) {
                channel.write(frame);
            }
            early.clear();
            upgraded = true;
            close = endPending;
        }
        var f = channel.writeAndFlush(io.netty.buffer.Unpooled.EMPTY_BUFFER);
        if (close) {
            f.addListener(ChannelFutureListener.CLOSE);
        }
    }

    /** Connects the process's stdin; buffered input is delivered first. Called once. */
    public void connect(Attachment target) {
        channel.eventLoop().execute(() -> {
            if (attachment != null) {
                throw new IllegalStateException("stdin is already connected");
            }
            attachment = target;
            for (byte[] chunk : pending) {
                target.writeStdin(chunk);
            }
            pending.clear();
            if (inputEnded) {
                target.closeStdin();
            }
            if (!channel.isActive()) {
                target.close();
            }
        });
    }

    /** Drops kept output and detaches stdin: the upgrade did not happen. */
    public void discard() {
        synchronized (this) {
            early.forEach(io.netty.buffer.ByteBuf::release);
            early.clear();
        }
        channel.eventLoop().execute(() -> {
            if (attachment != null) {
                attachment.close();
            }
        });
    }

    /** Completes when the connection is closed (by either side). */
    public CompletableFuture<Void> closed() {
        return closed;
    }

    public Channel channel() {
        return channel;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof ByteBuf buf)) {
            io.netty.util.ReferenceCountUtil.release(msg);
            return;
        }
        try {
            if (inputEnded || !buf.isReadable()) {
                return;
            }
            byte[] data = ByteBufUtil.getBytes(buf);
            if (attachment == null) {
                pending.add(data);
            } else {
                attachment.writeStdin(data);
            }
        } finally {
            buf.release();
        }
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof ChannelInputShutdownEvent || evt instanceof SslCloseCompletionEvent) {
            endInput();
            return;
        }
        ctx.fireUserEventTriggered(evt);
    }

    private void endInput() {
        if (inputEnded) {
            return;
        }
        inputEnded = true;
        if (attachment != null) {
            attachment.closeStdin();
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        synchronized (this) {
            early.forEach(io.netty.buffer.ByteBuf::release);
            early.clear();
        }
        if (attachment != null) {
            attachment.close();
        }
        ctx.fireChannelInactive();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // a reset by the client is an ordinary end of an attach
        ctx.close();
    }

    /** Whether output is framed. */
    public boolean multiplexed() {
        return multiplexed;
    }

}
