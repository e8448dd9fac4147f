package dev.vch.personality.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.ApiVersion;
import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.personality.routing.Router;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns each aggregated request into a routed {@link ApiRequest}, runs its handler
 * (inline on the event loop for trivial ones, otherwise on a virtual thread) and hands the
 * {@link Reply} to the {@link ReplyWriter}. Requests on one connection are answered in
 * order: while one is in flight, later ones (pipelining) wait in a queue.
 */
public final class RequestDispatcher extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Pattern VERSIONED = Pattern.compile("^/v(\\d+\\.\\d+)(/.*)$");
    private static final AtomicLong OPERATIONS = new AtomicLong();

    private final Router router;
    private final DockerApiConfig.Versions versions;
    private final ObjectMapper json;
    private final Executor blocking;
    private final ArrayDeque<FullHttpRequest> queue = new ArrayDeque<>();
    private boolean busy;

    public RequestDispatcher(Router router, DockerApiConfig.Versions versions, ObjectMapper json, Executor blocking) {
        super(false);
        this.router = router;
        this.versions = versions;
        this.json = json;
        this.blocking = blocking;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (busy) {
            queue.add(request);
            return;
        }
        process(ctx, request);
    }

    private void process(ChannelHandlerContext ctx, FullHttpRequest request) {
        busy = true;
        long start = System.nanoTime();
        String op = Long.toHexString(OPERATIONS.incrementAndGet());
        var exchange = new Exchange(ctx, request.method(), request.uri(), HttpUtil.isKeepAlive(request), op, start,
                json, versions, this::next, blocking);
        ApiRequest api;
        Router.Match match;
        try {
            if (request.decoderResult().isFailure()) {
                throw DockerApiException.badRequest("malformed HTTP request: " + request.decoderResult().cause());
            }
            var uri = new QueryStringDecoder(request.uri());
            String path = uri.rawPath();
            ApiVersion version = versions.maxApi();
            Matcher m = VERSIONED.matcher(path);
            if (m.matches()) {
                version = checkVersion(m.group(1));
                path = m.group(2);
            }
            match = router.route(request.method(), path);
            api = new ApiRequest(request.method(), path, version, match.params(), uri.parameters(),
                    request.headers(), ByteBufUtil.getBytes(request.content()), op, json);
        } catch (RuntimeException e) {
            request.release();
            exchange.fail(e);
            return;
        }
        request.release();
        if (match.route().inline()) {
            exchange.run(match.route().handler(), api);
        } else {
            ctx.channel().config().setAutoRead(false);
            blocking.execute(() -> exchange.run(match.route().handler(), api));
        }
    }

    /** Called on the event loop when a response is complete and the connection stays open. */
    private void next(ChannelHandlerContext ctx) {
        busy = false;
        FullHttpRequest queued = queue.poll();
        if (queued != null) {
            process(ctx, queued);
        } else {
            ctx.channel().config().setAutoRead(true);
        }
    }

    private ApiVersion checkVersion(String text) {
        ApiVersion v;
        try {
            v = ApiVersion.parse(text);
        } catch (IllegalArgumentException e) {
            throw DockerApiException.pageNotFound();
        }
        if (v.compareTo(versions.minApi()) < 0) {
            throw DockerApiException.badRequest("client version " + v + " is too old. Minimum supported API version is "
                    + versions.minApi() + ", please upgrade your client to a newer version");
        }
        if (v.compareTo(versions.maxApi()) > 0) {
            throw DockerApiException.badRequest("client version " + v
                    + " is too new. Maximum supported API version is " + versions.maxApi());
        }
        return v;
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        queue.forEach(FullHttpRequest::release);
        queue.clear();
        super.channelInactive(ctx);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ConnectionErrors.log(ctx, cause);
        ctx.close();
    }
}
