package dev.vch.tether.protocol;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.TetherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class LinkTest {

    static final String ID = "c0ffee";
    static final byte[] SECRET = "s3cret-s3cret-s3cret".getBytes(StandardCharsets.UTF_8);
    static final SecretResolver SECRETS = id -> ID.equals(id) ? Optional.of(SECRET) : Optional.empty();

    final LinkPair pair = new LinkPair();

    @AfterEach
    void closePipes() {
        pair.close();
    }

    /** A guest that echoes stdin of attach channels to stdout (uppercased on stderr) and reports exit 7 at EOF. */
    static void echoGuest(Channel c) {
        Thread.ofVirtual().start(() -> {
            try (InputStream in = c.input(Message.STDIN)) {
                byte[] buf = new byte[8192];
                int n;
                while ((n = in.read(buf)) > 0) {
                    c.output(Message.STDOUT).write(buf, 0, n);
                    byte[] upper = new byte[n];
                    for (int i = 0; i < n; i++) upper[i] = (byte) (buf[i] >= 'a' && buf[i] <= 'z' ? buf[i] - 32 : buf[i]);
                    c.output(Message.STDERR).write(upper);
                }
                c.output(Message.STDOUT).close();
                c.send(new Message.Exit(7, ""));
                c.close();
            } catch (IOException e) {
                c.reset(e.getMessage());
            }
        });
    }

    @Test
    void handshakeThenEchoOverInterleavedChannels() throws Exception {
        CompletableFuture<Link> guest = pair.startGuest(ID, SECRET, LinkTest::echoGuest);
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        assertThat(host.containerId()).isEqualTo(ID);
        assertThat(guest.get(10, TimeUnit.SECONDS).containerId()).isEqualTo(ID);

        Channel a = host.open(new OpenRequest.Attach(ID, true, false));
        Channel b = host.open(new OpenRequest.Attach(ID, true, false));
        BlockingQueue<Message> aMessages = new LinkedBlockingQueue<>();
        a.onMessage(aMessages::add);
        a.output(Message.STDIN).write("hello ".getBytes());
        b.output(Message.STDIN).write("other".getBytes());
        a.output(Message.STDIN).write("world".getBytes());
        a.output(Message.STDIN).close();
        b.output(Message.STDIN).close();

        assertThat(new String(a.input(Message.STDOUT).readAllBytes())).isEqualTo("hello world");
        assertThat(new String(b.input(Message.STDOUT).readAllBytes())).isEqualTo("other");
        assertThat(new String(a.input(Message.STDERR).readAllBytes())).isEqualTo("HELLO WORLD");
        assertThat(aMessages.poll(10, TimeUnit.SECONDS)).isEqualTo(new Message.Exit(7, ""));
        a.close();
        assertThat(a.done().get(10, TimeUnit.SECONDS)).isNull();
    }

    /**
     * The host's hello request races the guest's own hello: whatever the interleaving, every
     * handshake ends with a link both ends use (a request sent after the challenge once made the
     * guest hello again on an established link, and the host closed it).
     */
    @Test
    void everyHandshakeOfManyEndsInAWorkingLink() throws Exception {
        for (int i = 0; i < 300; i++) {
            try (LinkPair p = new LinkPair()) {
                CompletableFuture<Link> guest = p.startGuest(ID, SECRET, LinkTest::echoGuest);
                Link host = p.acceptHost(SECRETS, LinkOptions.HOST);
                guest.get(10, TimeUnit.SECONDS);
                Channel c = host.open(new OpenRequest.Attach(ID, true, false));
                c.output(Message.STDIN).write(("ping " + i).getBytes());
                c.output(Message.STDIN).close();
                assertThat(new String(c.input(Message.STDOUT).readAllBytes())).as("handshake %d", i).isEqualTo("ping " + i);
                assertThat(host.isOpen()).as("handshake %d", i).isTrue();
            }
        }
    }

    @Test
    void bulkDataRespectsCreditAndArrivesIntact() throws Exception {
        pair.startGuest(ID, SECRET, LinkTest::echoGuest);
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Channel c = host.open(new OpenRequest.Attach(ID, true, false));
        byte[] data = new byte[5 * LinkOptions.HOST.window() + 12345];
        new Random(42).nextBytes(data);
        Thread.ofVirtual().start(() -> {
            try {
                c.output(Message.STDIN).write(data);
                c.output(Message.STDIN).close();
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        // both streams share the channel's credit: drain stderr alongside, as an attach does
        CompletableFuture<Long> errBytes = CompletableFuture.supplyAsync(() -> {
            try {
                return c.input(Message.STDERR).transferTo(java.io.OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        });
        MessageDigest want = MessageDigest.getInstance("SHA-256");
        want.update(data);
        MessageDigest got = MessageDigest.getInstance("SHA-256");
        InputStream out = c.input(Message.STDOUT);
        byte[] buf = new byte[65536];
        long total = 0;
        int n;
        while ((n = out.read(buf)) > 0) {
            got.update(buf, 0, n);
            total += n;
        }
        assertThat(errBytes.get(20, TimeUnit.SECONDS)).isEqualTo(data.length);
        assertThat(total).isEqualTo(data.length);
        assertThat(got.digest()).isEqualTo(want.digest());
    }

    @Test
    void wrongSecretIsRefused() {
        pair.startGuest(ID, "wrong".getBytes(), c -> { });
        assertThatThrownBy(() -> pair.acceptHost(SECRETS, LinkOptions.HOST))
                .isInstanceOf(TetherException.class)
                .hasMessageContaining("link proof refused for container " + ID)
                .extracting(e -> ((TetherException) e).kind()).isEqualTo(TetherException.Kind.UNAUTHORIZED);
    }

    @Test
    void unknownContainerIsRefused() {
        pair.startGuest("someone-else", SECRET, c -> { });
        assertThatThrownBy(() -> pair.acceptHost(SECRETS, LinkOptions.HOST)).hasMessageContaining("unknown container someone-else");
    }

    @Test
    void recordedProofCannotBeReplayed() throws Exception {
        // a passive eavesdropper saw hello + proof of one handshake and plays them back on a new connection
        byte[] guestNonce = Proof.nonce();
        byte[] oldHostNonce = Proof.nonce();
        byte[] recorded = Proof.guestMac(SECRET, ID, guestNonce, oldHostNonce);
        HostLink.send(new FrameWriter(pair.guestOut()), new Message.Hello(HostLink.VERSION, ID, guestNonce));
        HostLink.send(new FrameWriter(pair.guestOut()), new Message.Proof(recorded));
        assertThatThrownBy(() -> pair.acceptHost(SECRETS, LinkOptions.HOST)).hasMessageContaining("link proof refused");
    }

    @Test
    void malformedChannelFrameResetsOnlyThatChannel() throws Exception {
        pair.startGuest(ID, SECRET, LinkTest::echoGuest);
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Channel bad = host.open(new OpenRequest.Attach(ID, true, false));
        BlockingQueue<Message> badMessages = new LinkedBlockingQueue<>();
        bad.onMessage(badMessages::add);
        // a RESIZE with a 3-byte payload: truncated
        new FrameWriter(pair.hostOut()).write(MessageCodec.RESIZE, bad.id(), new byte[] {1, 2, 3}, 0, 3);
        Message m = badMessages.poll(10, TimeUnit.SECONDS);
        assertThat(m).isInstanceOf(Message.Reset.class);
        assertThat(((Message.Reset) m).reason()).contains("truncated");
        assertThat(bad.done().get(10, TimeUnit.SECONDS)).contains("truncated");

        Channel good = host.open(new OpenRequest.Attach(ID, true, false));
        good.output(Message.STDIN).write("still up".getBytes());
        good.output(Message.STDIN).close();
        assertThat(new String(good.input(Message.STDOUT).readAllBytes())).isEqualTo("still up");
    }

    @Test
    void dataBeyondCreditResetsTheChannel() throws Exception {
        pair.startGuest(ID, SECRET, c -> { });   // the guest never reads: its credit is never returned
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Channel c = host.open(new OpenRequest.Attach(ID, true, false));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        c.onMessage(messages::add);
        FrameWriter raw = new FrameWriter(pair.hostOut());
        byte[] chunk = new byte[LinkOptions.HOST.maxData() + 1];
        for (int sent = 0; sent <= LinkOptions.HOST.window(); sent += chunk.length - 1) {
            raw.write(MessageCodec.DATA, c.id(), chunk, 0, chunk.length);
        }
        Message m = messages.poll(10, TimeUnit.SECONDS);
        assertThat(m).isInstanceOf(Message.Reset.class);
        assertThat(((Message.Reset) m).reason()).contains("more DATA than its credit");
        assertThat(host.isOpen()).isTrue();
    }

    @Test
    void oversizedFrameClosesTheLink() throws Exception {
        CompletableFuture<Link> guest = pair.startGuest(ID, SECRET, c -> { });
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Link guestLink = guest.get(10, TimeUnit.SECONDS);
        byte[] header = {'V', 'L', (byte) MessageCodec.DATA, 0, 0, 0, 0, 2, 0x7f, 0, 0, 0};
        pair.hostOut().write(header);
        assertThat(guestLink.closed().get(10, TimeUnit.SECONDS)).contains("exceeds the maximum");
    }

    @Test
    void badMagicClosesTheLink() throws Exception {
        CompletableFuture<Link> guest = pair.startGuest(ID, SECRET, c -> { });
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Link guestLink = guest.get(10, TimeUnit.SECONDS);
        pair.hostOut().write("GARBAGE-GARBAGE".getBytes());
        assertThat(guestLink.closed().get(10, TimeUnit.SECONDS)).contains("out of step");
        assertThat(host.isOpen()).isTrue();
    }

    /** Plays the host's half of a handshake on raw frames. */
    static void rawHostHandshake(FrameReader r, FrameWriter w) throws IOException {
        Message.Hello hello = (Message.Hello) MessageCodec.decode(r.resync(MessageCodec.HELLO));
        byte[] hostNonce = Proof.nonce();
        HostLink.send(w, new Message.Challenge(hello.guestNonce(), hostNonce));
        Message.Proof proof = (Message.Proof) MessageCodec.decode(r.read());
        assertThat(proof.mac()).isEqualTo(Proof.guestMac(SECRET, ID, hello.guestNonce(), hostNonce));
        HostLink.send(w, new Message.Welcome(Proof.hostMac(SECRET, ID, hello.guestNonce(), hostNonce)));
    }

    @Test
    void guestRehandshakesWhenTheHostAsksAgain() throws Exception {
        BlockingQueue<Link> links = new LinkedBlockingQueue<>();
        GuestLink guest = new GuestLink(ID, SECRET, LinkOptions.GUEST, links::add);
        Thread.ofVirtual().start(() -> {
            try {
                guest.serve(pair.guestIn(), pair.guestOut(), pair);
            } catch (IOException ignored) {
                // pipes closed at the end of the test
            }
        });
        FrameReader r = new FrameReader(pair.hostIn(), 1 << 20);
        FrameWriter w = new FrameWriter(pair.hostOut());
        rawHostHandshake(r, w);
        Link first = links.poll(10, TimeUnit.SECONDS);
        assertThat(first).isNotNull();
        // a restarted VCH: the new host end asks for a hello on the same stream
        HostLink.send(w, new Message.HelloRequest());
        rawHostHandshake(r, w);
        Link second = links.poll(10, TimeUnit.SECONDS);
        assertThat(second).isNotNull().isNotSameAs(first);
        assertThat(first.closed().get(10, TimeUnit.SECONDS)).contains("new handshake");
        assertThat(second.isOpen()).isTrue();
    }

    @Test
    void wrongHostProofIsNotTrusted() throws Exception {
        BlockingQueue<Link> links = new LinkedBlockingQueue<>();
        GuestLink guest = new GuestLink(ID, SECRET, LinkOptions.GUEST, links::add);
        Thread.ofVirtual().start(() -> {
            try {
                guest.serve(pair.guestIn(), pair.guestOut(), pair);
            } catch (IOException ignored) {
                // pipes closed at the end of the test
            }
        });
        FrameReader r = new FrameReader(pair.hostIn(), 1 << 20);
        FrameWriter w = new FrameWriter(pair.hostOut());
        Message.Hello hello = (Message.Hello) MessageCodec.decode(r.resync(MessageCodec.HELLO));
        HostLink.send(w, new Message.Challenge(hello.guestNonce(), Proof.nonce()));
        MessageCodec.decode(r.read());
        HostLink.send(w, new Message.Welcome(new byte[32]));
        // the guest ignores the impostor and still answers a proper host afterwards
        HostLink.send(w, new Message.HelloRequest());
        rawHostHandshake(r, w);
        Link only = links.poll(10, TimeUnit.SECONDS);
        assertThat(only).isNotNull();
        assertThat(links).isEmpty();
    }

    @Test
    void idleLinkTimesOut() throws Exception {
        // a peer that authenticates and then never answers a ping
        LinkOptions fast = new LinkOptions(1 << 20, 65536, 1 << 20, java.time.Duration.ofMillis(50),
                java.time.Duration.ofMillis(300), java.time.Duration.ofSeconds(10));
        Thread.ofVirtual().start(() -> {
            try {
                FrameReader r = new FrameReader(pair.guestIn(), 1 << 20);
                FrameWriter w = new FrameWriter(pair.guestOut());
                byte[] nonce = Proof.nonce();
                HostLink.send(w, new Message.Hello(HostLink.VERSION, ID, nonce));
                Message.Challenge ch = (Message.Challenge) MessageCodec.decode(r.resync(MessageCodec.CHALLENGE));
                HostLink.send(w, new Message.Proof(Proof.guestMac(SECRET, ID, nonce, ch.hostNonce())));
                new ByteArrayOutputStream().writeBytes(pair.guestIn().readAllBytes());
            } catch (IOException ignored) {
                // closed by the host
            }
        });
        Link host = pair.acceptHost(SECRETS, fast);
        assertThat(host.closed().get(10, TimeUnit.SECONDS)).isEqualTo("link closed");
    }

    @Test
    void execCreateCarriesAConfigMap() throws Exception {
        BlockingQueue<Message> guestSaw = new LinkedBlockingQueue<>();
        pair.startGuest(ID, SECRET, c -> c.onMessage(m -> {
            guestSaw.add(m);
            try {
                if (m instanceof Message.ExecCreate) c.send(new Message.ExecCreated());
            } catch (IOException e) {
                throw new RuntimeException(e);
            }
        }));
        Link host = pair.acceptHost(SECRETS, LinkOptions.HOST);
        Channel exec = host.open(new OpenRequest.Exec("e1"));
        BlockingQueue<Message> hostSaw = new LinkedBlockingQueue<>();
        exec.onMessage(hostSaw::add);
        exec.send(new Message.ExecCreate(Map.of("/cmd/Path", "ls", "/tty", "true")));
        assertThat(guestSaw.poll(10, TimeUnit.SECONDS)).isEqualTo(new Message.ExecCreate(Map.of("/cmd/Path", "ls", "/tty", "true")));
        assertThat(hostSaw.poll(10, TimeUnit.SECONDS)).isInstanceOf(Message.ExecCreated.class);
    }
}
