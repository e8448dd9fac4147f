package dev.vch.personality.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.errors.ErrorMapper;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Handler;
import dev.vch.personality.routing.Reply;
import dev.vch.personality.stream.Framing;
import dev.vch.personality.stream.HijackedStream;
import dev.vch.personality.stream.ResponseStream;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.DefaultHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.LastHttpContent;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * One request/response exchange: runs the handler, writes its {@link Reply}, and logs
 * the one INFO line per request (method, path, status, duration, operation id) when the
 * response is complete.
 */
final class Exchange {
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.vch.personality.access");
    static final HttpResponseStatus UPGRADED = new HttpResponseStatus(101, "UPGRADED");

    private final ChannelHandlerContext ctx;
    private final HttpMethod method;
    private final String uri;
    private final boolean keepAlive;
    private final String op;
    private final long start;
    private final ObjectMapper json;
    private final DockerApiConfig.Versions versions;
    private final Consumer<ChannelHandlerContext> next;
    private final Executor blocking;

    Exchange(ChannelHandlerContext ctx, HttpMethod method, String uri, boolean keepAlive, String op, long start,
             ObjectMapper json, DockerApiConfig.Versions versions, Consumer<ChannelHandlerContext> next,
             Executor blocking) {
        this.ctx = ctx;
        this.method = method;
        this.uri = uri;
        this.keepAlive = keepAlive;
        this.op = op;
        this.start = start;
        this.json = json;
        this.versions = versions;
        this.next = next;
        this.blocking = blocking;
    }

    /** Runs the handler (on whatever thread we are on) and writes its reply. */
    void run(Handler handler, ApiRequest request) {
        Reply reply;
        MDC.put("op", op);
        try {
            reply = handler.handle(request);
        } catch (Throwable t) {
            fail(t);
            return;
        } finally {
            MDC.remove("op");
        }
        switch (reply) {
            case Reply.Full full -> writeFull(full.status(), full.body(), full.contentType(), full.headers());
            case Reply.Streaming s -> stream(s);
            case Reply.Hijack h -> hijack(h);
        }
    }

    void fail(Throwable t) {
        ErrorMapper.Mapped mapped = ErrorMapper.map(t, op);
        writeFull(mapped.status(), Map.of("message", mapped.message()), "application/json", Map.of());
    }

    private void writeFull(HttpResponseStatus status, Object body, String contentType, Map<String, String> extra) {
        ByteBuf content;
        try {
            content = body == null ? Unpooled.EMPTY_BUFFER
                    : body instanceof byte[] bytes ? Unpooled.wrappedBuffer(bytes)
                    : Unpooled.wrappedBuffer(json.writeValueAsBytes(body));
        } catch (Exception e) {
            ErrorMapper.Mapped mapped = ErrorMapper.map(e, op);
            content = Unpooled.copiedBuffer("{\"message\":\"cannot encode the answer\"}",
                    java.nio.charset.StandardCharsets.UTF_8);
            status = mapped.status();
        }
        int length = content.readableBytes();
        boolean head = HttpMethod.HEAD.equals(method);
        if (head) {
            content.release();
            content = Unpooled.EMPTY_BUFFER;
        }
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, content);
        HttpHeaders h = response.headers();
        common(h);
        if (contentType != null && (length > 0 || head)) {
            h.set(HttpHeaderNames.CONTENT_TYPE, contentType);
        }
        extra.forEach(h::set);
        h.setInt(HttpHeaderNames.CONTENT_LENGTH, status.code() == 204 || status.code() == 304 ? 0 : length);
        if (status.code() == 204 || status.code() == 304) {
            h.remove(HttpHeaderNames.CONTENT_LENGTH);
        }
        HttpResponseStatus finalStatus = status;
        onEventLoop(() -> {
            if (!keepAlive) {
                h.set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            }
            var f = ctx.writeAndFlush(response);
            log(finalStatus);
            if (keepAlive) {
                next.accept(ctx);
            } else {
                f.addListener(ChannelFutureListener.CLOSE);
            }
        });
    }

    private void stream(Reply.Streaming s) {
        HttpResponse response = new DefaultHttpResponse(HttpVersion.HTTP_1_1, s.status());
        common(response.headers());
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, s.contentType())
                .set(HttpHeaderNames.TRANSFER_ENCODING, HttpHeaderValues.CHUNKED);
        Channel channel = ctx.channel();
        var out = new ResponseStream(channel, json, () -> channel.writeAndFlush(response));
        blocking.execute(() -> {
            MDC.put("op", op);
            try {
                s.body().run(out);
            } catch (Throwable t) {
                if (!out.begun()) {
                    fail(t);
                    return;
                }
                // headers are gone: the best we can do is end the body and log why
                LoggerFactory.getLogger(Exchange.class).info("op={} stream ended by {}", op, t.toString());
            } finally {
                MDC.remove("op");
            }
            out.begin();
            onEventLoop(() -> {
                log(s.status());
                if (!channel.isActive()) {
                    return;
                }
                var f = ctx.writeAndFlush(LastHttpContent.EMPTY_LAST_CONTENT);
                if (keepAlive) {
                    next.accept(ctx);
                } else {
                    f.addListener(ChannelFutureListener.CLOSE);
                }
            });
        });
    }

    /**
     * Runs the hijack body first, on this (handler) thread: it attaches to the process, and
     * a failure is still an ordinary error response. Output the process writes meanwhile is
     * kept by the stream. Then, on the event loop, the 101 goes out, the HTTP handlers
     * leave the pipeline and the kept output follows.
     */
    private void hijack(Reply.Hijack h) {
        boolean multiplexed = Framing.MULTIPLEXED.equals(h.contentType());
        HijackedStream stream = new HijackedStream(ctx.channel(), multiplexed);
        MDC.put("op", op);
        try {
            h.body().run(stream);
        } catch (Throwable t) {
            stream.discard();
            fail(t);
            return;
        } finally {
            MDC.remove("op");
        }
        onEventLoop(() -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                    h.upgrade() ? UPGRADED : HttpResponseStatus.OK);
            response.headers().set(HttpHeaderNames.CONTENT_TYPE, h.contentType());
            if (h.upgrade()) {
                response.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.UPGRADE)
                        .set(HttpHeaderNames.UPGRADE, "tcp");
            }
            common(response.headers());
            ctx.writeAndFlush(response);
            // from here on the connection carries raw stream bytes, not HTTP
            // (the dispatcher is swapped first so bytes the codec still holds reach the stream)
            var pipeline = ctx.pipeline();
            pipeline.replace(HttpNames.DISPATCHER, HttpNames.HIJACKED, stream);
            pipeline.remove(HttpNames.AGGREGATOR);
            pipeline.remove(HttpNames.CODEC);
            stream.closed().thenRun(() -> log(response.status()));
            stream.upgraded();
            ctx.channel().config().setAutoRead(true);
        });
    }

    private void common(HttpHeaders h) {
        h.set("Api-Version", versions.maxApi().toString())
                .set("Docker-Experimental", "false")
                .set("Ostype", "linux")
                .set(HttpHeaderNames.SERVER, "Docker/" + versions.product() + " (linux)");
    }

    private void onEventLoop(Runnable r) {
        if (ctx.executor().inEventLoop()) {
            r.run();
        } else {
            ctx.executor().execute(r);
        }
    }

    private void log(HttpResponseStatus status) {
        if (ACCESS.isInfoEnabled()) {
            long micros = (System.nanoTime() - start) / 1000;
            long frac = micros % 1000;
            ACCESS.info("{} {} {} {}.{}{}ms op={}", method, uri, status.code(), micros / 1000,
                    frac < 100 ? (frac < 10 ? "00" : "0") : "", frac, op);
        }
    }
}
