package dev.vch.personality;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.handlers.Routes;
import dev.vch.personality.server.ApiChannelInitializer;
import dev.vch.personality.server.JsonMapper;
import dev.vch.personality.server.SslContexts;
import dev.vch.portlayer.api.PortLayer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.ssl.SslContext;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Docker Engine API server. Start it with {@link #start}; the returned handle knows
 * the bound address and stops the server on {@link #close}.
 *
 * <pre>{@code
 * try (DockerApiServer server = DockerApiServer.start(config, portLayer)) {
 *     System.out.println("listening on " + server.address());
 *     server.awaitClose();
 * }
 * }</pre>
 */
public final class DockerApiServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DockerApiServer.class);

    private final EventLoopGroup group;
    private final ExecutorService blocking;
    private final Channel serverChannel;

    private DockerApiServer(EventLoopGroup group, ExecutorService blocking, Channel serverChannel) {
        this.group = group;
        this.blocking = blocking;
        this.serverChannel = serverChannel;
    }

    /** Binds and starts serving; throws if the address cannot be bound. */
    public static DockerApiServer start(DockerApiConfig config, PortLayer portLayer) throws InterruptedException {
        SslContext ssl = config.tls() == null ? null : SslContexts.server(config.tls());
        ObjectMapper json = JsonMapper.create();
        var router = Routes.build(config, portLayer);
        EventLoopGroup group = new NioEventLoopGroup(config.ioThreads());
        ExecutorService blocking = Executors.newThreadPerTaskExecutor(
                Thread.ofVirtual().name("docker-api-", 0).factory());
        try {
            Channel channel = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    // attach needs the client's half-close as "end of stdin", not as the end
                    .childOption(ChannelOption.ALLOW_HALF_CLOSURE, true)
                    .childHandler(new ApiChannelInitializer(ssl, config, router, json, blocking))
                    .bind(config.bind()).sync().channel();
            LOG.info("Docker API for VCH {} listening on {} ({})", config.vchName(), channel.localAddress(),
                    ssl == null ? "plain HTTP" : "TLS, client certificates "
                            + (config.tls().verifiesClients() ? "required" : "not checked"));
            return new DockerApiServer(group, blocking, channel);
        } catch (InterruptedException | RuntimeException e) {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            blocking.shutdownNow();
            throw e;
        }
    }

    /** The address actually bound (port 0 in the config becomes the real port). */
    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    /** Blocks until the server is closed. */
    public void awaitClose() throws InterruptedException {
        serverChannel.closeFuture().sync();
    }

    /** Stops accepting, closes every connection and stops the event loops. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        blocking.shutdownNow();
    }
}
