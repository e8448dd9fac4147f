package dev.vch.portlayer.link;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.protocol.GuestLink;
import dev.vch.tether.protocol.LinkOptions;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LinkServerTest {
    private static final byte[] SECRET = "right-secret-of-32-bytes-length!".getBytes();

    @Test
    void aRefusedProofFailsThePendingStartAtOnce() throws Exception {
        LinkRegistry registry = new LinkRegistry();
        try (LinkServer server = LinkServer.start(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0),
                id -> id.equals("c1") ? Optional.of(SECRET.clone()) : Optional.empty(), registry, LinkOptions.HOST)) {
            var pending = registry.awaitNext("c1");
            connect(server, "c1", "wrong-secret-of-32-bytes-length!".getBytes());
            assertThatThrownBy(() -> pending.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(LinkRegistry.LinkRefusedException.class)
                    .hasMessageContaining("link proof refused for container c1");

            var next = registry.awaitNext("c1");
            connect(server, "c1", SECRET);
            assertThat(next.get(10, TimeUnit.SECONDS).containerId()).isEqualTo("c1");
        }
    }

    private static void connect(LinkServer server, String id, byte[] secret) {
        Thread.ofVirtual().start(() -> {
            try (Socket s = new Socket(server.address().getAddress(), server.address().getPort())) {
                new GuestLink(id, secret, LinkOptions.GUEST, link -> { }).serve(s.getInputStream(),
                        s.getOutputStream(), s);
            } catch (Exception e) {
                // the refused guest's connection ends here
            }
        });
    }
}
