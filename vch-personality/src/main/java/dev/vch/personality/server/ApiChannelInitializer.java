package dev.vch.personality.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.routing.Router;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import java.util.concurrent.Executor;

/**
 * The pipeline of one API connection:
 * {@code [tls detector -> ssl] -> http codec -> bounded aggregator -> dispatcher}.
 * A hijack (attach, exec) later swaps the HTTP handlers for a raw stream handler.
 */
public final class ApiChannelInitializer extends ChannelInitializer<SocketChannel> {
    private static final int MAX_INITIAL_LINE = 16 * 1024;
    private static final int MAX_HEADERS = 64 * 1024;

    private final SslContext ssl;
    private final DockerApiConfig config;
    private final Router router;
    private final ObjectMapper json;
    private final Executor blocking;

    public ApiChannelInitializer(SslContext ssl, DockerApiConfig config, Router router, ObjectMapper json,
                                 Executor blocking) {
        this.ssl = ssl;
        this.config = config;
        this.router = router;
        this.json = json;
        this.blocking = blocking;
    }

    @Override
    protected void initChannel(SocketChannel ch) {
        addHandlers(ch.pipeline());
    }

    /** Adds the connection's handlers to {@code p} (public so tests can use an EmbeddedChannel). */
    public void addHandlers(ChannelPipeline p) {
        if (ssl != null) {
            p.addLast("tls-detector", new PlainOrTlsDetector(ssl));
        }
        p.addLast(HttpNames.CODEC, new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADERS, 64 * 1024));
        p.addLast(HttpNames.AGGREGATOR, new BoundedAggregator(config.maxBodyBytes()));
        p.addLast(HttpNames.DISPATCHER, new RequestDispatcher(router, config.versions(), json, blocking));
    }
}
