package dev.vch.tether.protocol;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** Two pipes making a duplex in-memory link, with helpers to connect a host and a guest over it. */
final class LinkPair implements Closeable {

    final Pipe toHost = new Pipe();
    final Pipe toGuest = new Pipe();

    InputStream hostIn() {
        return toHost.in;
    }

    OutputStream hostOut() {
        return toGuest.out;
    }

    InputStream guestIn() {
        return toGuest.in;
    }

    OutputStream guestOut() {
        return toHost.out;
    }

    @Override
    public void close() {
        toHost.close();
        toGuest.close();
    }

    /** Starts a guest serving this pair; returns a future of its first authenticated link. */
    CompletableFuture<Link> startGuest(String id, byte[] secret, Consumer<Channel> onOpen) {
        CompletableFuture<Link> up = new CompletableFuture<>();
        GuestLink guest = new GuestLink(id, secret, LinkOptions.GUEST, link -> {
            link.onOpen(onOpen);
            up.complete(link);
        });
        Thread.ofVirtual().start(() -> {
            try {
                guest.serve(guestIn(), guestOut(), this);
            } catch (IOException | RuntimeException e) {
                up.completeExceptionally(e);
            }
        });
        return up;
    }

    Link acceptHost(SecretResolver secrets, LinkOptions options) throws IOException {
        return HostLink.accept(hostIn(), hostOut(), this, secrets, options);
    }
}
