package dev.vch.tether.protocol;

import dev.vch.tether.TetherException;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The host (VCH) end of a link: run on each accepted serial connection. Asks for a hello (again every
 * second until one comes, since a guest that is still booting loses bytes), challenges the guest
 * with a fresh nonce, checks its proof, and returns the running link.
 */
public final class HostLink {

    private static final Logger LOG = LoggerFactory.getLogger(HostLink.class);
    static final int VERSION = 1;

    private HostLink() {
    }

    /**
     * Performs the handshake and starts serving. Blocks until the guest is authenticated.
     *
     * @param transport closed on handshake timeout, refusal and when the link ends
     * @throws TetherException UNAUTHORIZED for an unknown container or a wrong proof (the peer was told
     *     why and the transport is closed); PROTOCOL for a broken handshake
     * @throws IOException when the connection ends before the handshake completes
     */
    public static Link accept(InputStream in, OutputStream out, Closeable transport, SecretResolver secrets,
            LinkOptions options) throws IOException {
        FrameReader reader = new FrameReader(in, options.maxPayload());
        FrameWriter writer = new FrameWriter(out);
        CompletableFuture<Void> handshakeDone = new CompletableFuture<>();
        if (!options.handshakeTimeout().isZero()) {
            CompletableFuture.delayedExecutor(options.handshakeTimeout().toMillis(), TimeUnit.MILLISECONDS).execute(() -> {
                if (handshakeDone.complete(null)) {
                    LOG.warn("No valid link hello within {}; closing the connection", options.handshakeTimeout());
                    closeQuietly(transport);
                }
            });
        }
        // a hello request must never follow the challenge on the wire: the guest would answer the
        // challenge, then send a new hello that reaches the host after the link is up
        Object helloLock = new Object();
        CompletableFuture<Void> helloSeen = new CompletableFuture<>();
        Thread.ofVirtual().name("link-hello-request").start(() -> askForHello(writer, helloLock, helloSeen, handshakeDone));
        try {
            Link link = handshake(reader, writer, transport, secrets, options, helloLock, helloSeen, handshakeDone);
            Thread.ofVirtual().name("link-" + link.containerId()).start(() -> {
                try {
                    link.serve();
                } catch (IOException | RuntimeException e) {
                    LOG.info("Link to container {} ended: {}", link.containerId(), e.getMessage());
                } finally {
                    link.close();
                }
            });
            return link;
        } catch (IOException | RuntimeException e) {
            handshakeDone.complete(null);
            closeQuietly(transport);
            throw e;
        } finally {
            helloSeen.complete(null);
        }
    }

    private static Link handshake(FrameReader reader, FrameWriter writer, Closeable transport, SecretResolver secrets,
            LinkOptions options, Object helloLock, CompletableFuture<Void> helloSeen, CompletableFuture<Void> done) throws IOException {
        Message.Hello hello = (Message.Hello) MessageCodec.decode(reader.resync(MessageCodec.HELLO));
        synchronized (helloLock) {
            helloSeen.complete(null); // no hello request is sent from here on
        }
        while (true) {
            if (hello.version() != VERSION) {
                refuse(writer, "link version " + hello.version() + " is not supported (want " + VERSION + ")");
            }
            Optional<byte[]> secret = secrets.secretFor(hello.containerId());
            if (secret.isEmpty()) refuse(writer, "unknown container " + hello.containerId());
            byte[] hostNonce = Proof.nonce();
            send(writer, new Message.Challenge(hello.guestNonce(), hostNonce));
            Message next = nextHandshakeMessage(reader, writer);
            if (next instanceof Message.Hello again) {
                hello = again;
                continue;
            }
            if (!(next instanceof Message.Proof proof)) {
                throw new TetherException(TetherException.Kind.PROTOCOL, "expected a link proof, got " + next.getClass().getSimpleName());
            }
            byte[] want = Proof.guestMac(secret.get(), hello.containerId(), hello.guestNonce(), hostNonce);
            if (!Proof.matches(want, proof.mac())) {
                refuse(writer, "link proof refused for container " + hello.containerId());
            }
            if (!done.complete(null)) {
                throw new IOException("link handshake timed out");
            }
            send(writer, new Message.Welcome(Proof.hostMac(secret.get(), hello.containerId(), hello.guestNonce(), hostNonce)));
            LOG.info("Link up for container {}", hello.containerId());
            return new Link(reader, writer, options, true, hello.containerId(), transport);
        }
    }

    private static Message nextHandshakeMessage(FrameReader reader, FrameWriter writer) throws IOException {
        while (true) {
            Frame f = reader.read();
            Message m = MessageCodec.decode(f);
            if (m instanceof Message.Ping p) send(writer, new Message.Pong(p.seq()));
            else if (!(m instanceof Message.Pong)) return m;
        }
    }

    private static void refuse(FrameWriter writer, String reason) throws IOException {
        LOG.warn("Refusing link: {}", reason);
        send(writer, new Message.Refused(reason));
        throw new TetherException(TetherException.Kind.UNAUTHORIZED, reason);
    }

    private static void askForHello(FrameWriter writer, Object helloLock, CompletableFuture<Void> helloSeen,
            CompletableFuture<Void> done) {
        try {
            while (true) {
                synchronized (helloLock) {
                    if (helloSeen.isDone() || done.isDone()) {
                        return;
                    }
                    send(writer, new Message.HelloRequest());
                }
                try {
                    helloSeen.get(1, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException again) {
                    // no hello yet: the guest may not have opened its port; ask again
                }
            }
        } catch (InterruptedException | IOException | java.util.concurrent.ExecutionException e) {
            // handshake over or connection gone
        }
    }

    static void send(FrameWriter writer, Message m) throws IOException {
        byte[] p = MessageCodec.payload(m);
        writer.write(MessageCodec.type(m), 0, p, 0, p.length);
    }

    private static void closeQuietly(Closeable c) {
        try {
            c.close();
        } catch (IOException ignored) {
            // best effort
        }
    }
}
