package dev.vch.tether.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guest (tether) end of a link. Sends a hello at once and whenever the host asks for one,
 * answers the host's challenge with its proof, checks the host's proof, then serves the link until
 * the host asks for a new handshake (it reconnected) or the stream ends.
 */
public final class GuestLink {

    private static final Logger LOG = LoggerFactory.getLogger(GuestLink.class);

    private final String containerId;
    private final byte[] secret;
    private final LinkOptions options;
    private final Consumer<Link> onConnected;

    /**
     * @param onConnected called with each newly authenticated link, before it serves frames: set
     *     {@link Link#onOpen} there
     */
    public GuestLink(String containerId, byte[] secret, LinkOptions options, Consumer<Link> onConnected) {
        if (secret == null || secret.length == 0) throw new IllegalArgumentException("the link secret is empty");
        this.containerId = containerId;
        this.secret = secret.clone();
        this.options = options;
        this.onConnected = onConnected;
    }

    /** Serves the transport until its stream ends or breaks (then the caller may reopen it and call again). */
    public void serve(InputStream in, OutputStream out, Closeable transport) throws IOException {
        FrameReader reader = new FrameReader(in, options.maxPayload());
        FrameWriter writer = new FrameWriter(out);
        byte[] nonce = hello(writer);
        byte[] hostNonce = null;
        while (true) {
            Frame f = reader.resync(MessageCodec.HELLO_REQUEST, MessageCodec.CHALLENGE, MessageCodec.WELCOME,
                    MessageCodec.REFUSED, MessageCodec.PING);
            Message m;
            try {
                m = MessageCodec.decode(f);
            } catch (RuntimeException e) {
                LOG.warn("Ignoring a malformed handshake frame: {}", e.getMessage());
                continue;
            }
            switch (m) {
                case Message.HelloRequest r -> {
                    nonce = hello(writer);
                    hostNonce = null;
                }
                case Message.Challenge c -> {
                    if (Arrays.equals(c.guestNonce(), nonce)) {
                        hostNonce = c.hostNonce();
                        HostLink.send(writer, new Message.Proof(Proof.guestMac(secret, containerId, nonce, hostNonce)));
                    }
                }
                case Message.Welcome w -> {
                    if (hostNonce == null || !Proof.matches(Proof.hostMac(secret, containerId, nonce, hostNonce), w.mac())) {
                        LOG.warn("The host did not prove the link secret; waiting for another hello request");
                        continue;
                    }
                    Link link = new Link(reader, writer, options, false, containerId, transport);
                    LOG.info("Link up");
                    onConnected.accept(link);
                    link.serve();
                    LOG.info("Host asked for a new handshake");
                    nonce = hello(writer);
                    hostNonce = null;
                }
                case Message.Refused r -> LOG.warn("The host refused the link: {}", r.reason());
                case Message.Ping p -> HostLink.send(writer, new Message.Pong(p.seq()));
                default -> { }
            }
        }
    }

    private byte[] hello(FrameWriter writer) throws IOException {
        byte[] nonce = Proof.nonce();
        HostLink.send(writer, new Message.Hello(HostLink.VERSION, containerId, nonce));
        return nonce;
    }
}
