package dev.vch.tether.harness;

import dev.vch.tether.protocol.HostLink;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.tether.protocol.SecretResolver;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Plays the VCH's link server (port 2377) for one VM: listens on 127.0.0.1 on a free port, runs the
 * host handshake on each connection qemu makes, and hands out the authenticated links and the
 * handshake failures.
 */
public final class LinkServer implements AutoCloseable {

    /** One accepted connection: the link, or why the handshake failed; {@code raw} writes bypass the protocol. */
    public record Accepted(Link link, Exception failure, OutputStream raw) {
    }

    private final ServerSocket server;
    private final SecretResolver secrets;
    private final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
    private volatile OutputStream lastRaw;

    public LinkServer(SecretResolver secrets) throws IOException {
        this.secrets = secrets;
        this.server = new ServerSocket();
        server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        Thread.ofVirtual().name("link-accept").start(this::acceptLoop);
    }

    public int port() {
        return server.getLocalPort();
    }

    /** The next connection's outcome. */
    public Accepted next(Duration timeout) throws InterruptedException, TimeoutException {
        Accepted a = accepted.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (a == null) throw new TimeoutException("no link connection within " + timeout);
        return a;
    }

    /** The socket stream of the last authenticated link: for tests that write frames around the protocol code. */
    public OutputStream lastRaw() {
        return lastRaw;
    }

    public Link nextLink(Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Accepted a = next(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())));
            if (a.link() != null) return a.link();
        }
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket s = server.accept();
                s.setTcpNoDelay(true);
                Thread.ofVirtual().name("link-handshake").start(() -> {
                    try {
                        Link link = HostLink.accept(s.getInputStream(), s.getOutputStream(), s, secrets, LinkOptions.HOST);
                        lastRaw = s.getOutputStream();
                        accepted.add(new Accepted(link, null, lastRaw));
                    } catch (Exception e) {
                        accepted.add(new Accepted(null, e, null));
                    }
                });
            } catch (IOException e) {
                return;
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
    }
}
