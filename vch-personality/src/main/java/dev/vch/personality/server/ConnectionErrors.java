package dev.vch.personality.server;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.DecoderException;
import javax.net.ssl.SSLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs connection-level failures once and briefly: handshakes refused, resets. */
final class ConnectionErrors {
    private static final Logger LOG = LoggerFactory.getLogger("dev.vch.personality.connections");

    private ConnectionErrors() {
    }

    static void log(ChannelHandlerContext ctx, Throwable cause) {
        Throwable c = cause instanceof DecoderException && cause.getCause() != null ? cause.getCause() : cause;
        if (c instanceof SSLException) {
            LOG.info("TLS handshake with {} refused: {}", ctx.channel().remoteAddress(), c.getMessage());
        } else if (c instanceof java.io.IOException) {
            LOG.debug("connection {} failed: {}", ctx.channel().remoteAddress(), c.toString());
        } else {
            LOG.warn("connection {} failed", ctx.channel().remoteAddress(), c);
        }
    }
}
