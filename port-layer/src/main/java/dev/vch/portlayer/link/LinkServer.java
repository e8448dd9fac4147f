package dev.vch.portlayer.link;

import dev.vch.tether.TetherException;
import dev.vch.tether.protocol.HostLink;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.tether.protocol.SecretResolver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The link server (2377): containerVM serial ports connect here (URI backing, client end).
 * Each connection runs the host side of the handshake on a virtual thread; authenticated
 * links go to the {@link LinkRegistry}. A connection that never proves a known container's
 * secret is closed by the handshake timeout; one whose proof is refused fails that container's
 * pending start at once (a tether with the wrong secret would never get in).
 */
public final class LinkServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LinkServer.class);

    private final ServerSocket socket;
    private final SecretResolver secrets;
    private final LinkRegistry registry;
    private final LinkOptions options;
    private volatile boolean closed;

    private LinkServer(ServerSocket socket, SecretResolver secrets, LinkRegistry registry, LinkOptions options) {
        this.socket = socket;
        this.secrets = secrets;
        this.registry = registry;
        this.options = options;
    }

    public static LinkServer start(InetSocketAddress bind, SecretResolver secrets, LinkRegistry registry,
                                   LinkOptions options) throws IOException {
        ServerSocket ss = new ServerSocket();
        ss.setReuseAddress(true);
        ss.bind(bind);
        LinkServer server = new LinkServer(ss, secrets, registry, options);
        Thread.ofVirtual().name("link-server").start(server::acceptLoop);
        LOG.info("Link server listening on {}", ss.getLocalSocketAddress());
        return server;
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) socket.getLocalSocketAddress();
    }

    private void acceptLoop() {
        while (!closed) {
            try {
                Socket s = socket.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().name("link-handshake").start(() -> handshake(s));
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("Link server accept failed: {}", e.getMessage());
                }
            }
        }
    }

    private void handshake(Socket s) {
        AtomicReference<String> claimed = new AtomicReference<>();
        SecretResolver remembering = id -> {
            claimed.set(id);
            return secrets.secretFor(id);
        };
        try {
            Link link = HostLink.accept(s.getInputStream(), s.getOutputStream(), s, remembering, options);
            registry.connected(link);
        } catch (TetherException e) {
            LOG.info("Link connection from {} refused: {}", s.getRemoteSocketAddress(), e.getMessage());
            String id = claimed.get();
            if (e.kind() == TetherException.Kind.UNAUTHORIZED && id != null) {
                registry.refused(id, e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            LOG.info("Link connection from {} dropped: {}", s.getRemoteSocketAddress(), e.getMessage());
        }
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
