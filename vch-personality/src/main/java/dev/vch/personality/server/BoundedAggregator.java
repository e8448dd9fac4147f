package dev.vch.personality.server;

import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMessage;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Aggregates a request and its body up to a limit. A larger body gets a 413 with a JSON
 * message; the rest of that body is read and dropped, then the connection closes. Closing
 * at once would make a client that is still sending see a broken pipe instead of our
 * answer; keeping the connection would need trust in the body's framing.
 */
final class BoundedAggregator extends HttpObjectAggregator {
    private static final Logger LOG = LoggerFactory.getLogger(BoundedAggregator.class);

    private boolean closeAfterBody;
    private long dropped;

    BoundedAggregator(int maxContentLength) {
        super(maxContentLength, true);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        boolean last = msg instanceof io.netty.handler.codec.http.LastHttpContent;
        if (closeAfterBody && msg instanceof io.netty.buffer.ByteBufHolder holder) {
            dropped += holder.content().readableBytes();
        }
        super.channelRead(ctx, msg);
        // a client that keeps sending far beyond the limit is cut off
        if (closeAfterBody && (last || dropped > 4L * maxContentLength())) {
            ctx.close();
        }
    }

    @Override
    protected void handleOversizedMessage(ChannelHandlerContext ctx, HttpMessage oversized) {
        String message = "request body is larger than the limit of " + maxContentLength() + " bytes";
        byte[] body = ("{\"message\":\"" + message + "\"}\n").getBytes(StandardCharsets.UTF_8);
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, "application/json")
                .set(HttpHeaderNames.CONTENT_LENGTH, body.length)
                .set(HttpHeaderNames.CONNECTION, "close");
        LOG.info("{} {} 413 op=- body over {} bytes", ((io.netty.handler.codec.http.HttpRequest) oversized).method(),
                ((io.netty.handler.codec.http.HttpRequest) oversized).uri(), maxContentLength());
        ctx.writeAndFlush(response);
        closeAfterBody = true;
        if (oversized instanceof io.netty.handler.codec.http.FullHttpMessage) {
            ctx.close(); // the whole body is already here
        }
    }
}
