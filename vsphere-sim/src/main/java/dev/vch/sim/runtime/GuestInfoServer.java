package dev.vch.sim.runtime;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the guestinfo line protocol for one VM: on a unix socket that qemu's
 * {@code vsphere.guestinfo} chardev connects to as a client (so that a restarted simulator can
 * listen again and qemu reconnects), or on a TCP port on 127.0.0.1 for host-process VMs.
 */
final class GuestInfoServer implements AutoCloseable {

    static final int MAX_LINE = 1 << 20;
    private static final Logger LOG = LoggerFactory.getLogger(GuestInfoServer.class);

    private final String vmId;
    private final ServerSocketChannel server;
    private final GuestInfoProtocol protocol;
    private final Set<SocketChannel> connections = ConcurrentHashMap.newKeySet();
    private final Path unixPath;
    private final Thread acceptor;

    private GuestInfoServer(String vmId, ServerSocketChannel server, GuestInfoStore store, Path unixPath) {
        this.vmId = vmId;
        this.server = server;
        this.protocol = new GuestInfoProtocol(store);
        this.unixPath = unixPath;
        this.acceptor = Thread.ofVirtual().name("guestinfo-accept-" + vmId).start(this::acceptLoop);
    }

    /** Listens on a unix socket at {@code path} (a stale socket file from an earlier run is replaced). */
    static GuestInfoServer unix(String vmId, Path path, GuestInfoStore store) throws IOException {
        Files.deleteIfExists(path);
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            ch.bind(UnixDomainSocketAddress.of(path));
        } catch (IOException e) {
            ch.close();
            throw new IOException("Tried to serve guestinfo of " + vmId + " on " + path + " but failed: " + e.getMessage(), e);
        }
        return new GuestInfoServer(vmId, ch, store, path);
    }

    /** Listens on 127.0.0.1:{@code port} (0 = any free port). */
    static GuestInfoServer tcp(String vmId, int port, GuestInfoStore store) throws IOException {
        ServerSocketChannel ch = ServerSocketChannel.open(StandardProtocolFamily.INET);
        try {
            ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        } catch (IOException e) {
            ch.close();
            throw new IOException("Tried to serve guestinfo of " + vmId + " on 127.0.0.1:" + port + " but failed: " + e.getMessage(), e);
        }
        return new GuestInfoServer(vmId, ch, store, null);
    }

    /** The TCP port (host-process VMs); -1 for a unix socket. */
    int port() {
        try {
            SocketAddress a = server.getLocalAddress();
            return a instanceof InetSocketAddress inet ? inet.getPort() : -1;
        } catch (IOException e) {
            return -1;
        }
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel conn = server.accept();
                connections.add(conn);
                Thread.ofVirtual().name("guestinfo-" + vmId).start(() -> serve(conn));
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("guestinfo accept for {} failed: {}", vmId, e.toString());
                return;
            }
        }
    }

    private void serve(SocketChannel conn) {
        try (conn; InputStream in = Channels.newInputStream(conn); OutputStream out = Channels.newOutputStream(conn)) {
            LineReader reader = new LineReader(in, MAX_LINE);
            String line;
            while ((line = reader.readLine()) != null) {
                String answer = line == LineReader.TOO_LONG ? GuestInfoProtocol.tooLong() : protocol.answer(line);
                out.write(answer.getBytes(StandardCharsets.UTF_8));
            }
        } catch (IOException e) {
            LOG.debug("guestinfo connection of {} ended: {}", vmId, e.toString());
        } finally {
            connections.remove(conn);
        }
    }

    @Override
    public void close() {
        try {
            server.close();
            // the listening socket is released once the acceptor has left accept(): wait, so that a
            // restarted simulator in the same JVM can bind the same port again
            if (Thread.currentThread() != acceptor) acceptor.join(java.time.Duration.ofSeconds(5));
        } catch (IOException e) {
            LOG.debug("closing guestinfo server of {}: {}", vmId, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        for (SocketChannel c : connections) {
            try {
                c.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        if (unixPath != null) {
            try {
                Files.deleteIfExists(unixPath);
            } catch (IOException ignored) {
                // a stale socket file is replaced at the next bind
            }
        }
    }
}
