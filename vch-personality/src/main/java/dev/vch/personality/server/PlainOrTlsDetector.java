package dev.vch.personality.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * First handler on the TLS port. A TLS client starts with a handshake record (0x16); a
 * plain HTTP client gets the answer Go's TLS server (and so dockerd) gives, "Client sent
 * an HTTP request to an HTTPS server.", instead of a silent reset.
 */
final class PlainOrTlsDetector extends ByteToMessageDecoder {
    private static final Logger LOG = LoggerFactory.getLogger(PlainOrTlsDetector.class);
    private static final byte[] PLAIN_ANSWER = ("HTTP/1.0 400 Bad Request\r\nContent-Type: text/plain\r\n"
            + "Connection: close\r\n\r\nClient sent an HTTP request to an HTTPS server.\n")
            .getBytes(StandardCharsets.US_ASCII);
    private final SslContext sslContext;

    PlainOrTlsDetector(SslContext sslContext) {
        this.sslContext = sslContext;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (!in.isReadable()) {
            return;
        }
        if (in.getUnsignedByte(in.readerIndex()) == 0x16) {
            SslHandler ssl = sslContext.newHandler(ctx.alloc());
            ctx.pipeline().replace(this, "ssl", ssl);
            return;
        }
        LOG.info("plain HTTP on the TLS port from {}: answered 400 and closed", ctx.channel().remoteAddress());
        in.skipBytes(in.readableBytes());
        ctx.writeAndFlush(Unpooled.wrappedBuffer(PLAIN_ANSWER)).addListener(ChannelFutureListener.CLOSE);
    }
}
