package dev.vch.portlayer.container;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.GuestLink;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * A stand-in for the tether, speaking the real link protocol: it decodes its container config
 * from the VM's extraConfig, connects to the link server and runs a tiny command language:
 * {@code echo ARGS} prints and exits 0, {@code cat} copies stdin to stdout, {@code sleep}
 * runs until a signal (exit 128+n), {@code exit N} exits N, {@code nosuch} fails to start.
 */
final class FakeGuest {
    final CompletableFuture<Void> done = new CompletableFuture<>();
    private final Socket socket;
    private final Runnable powerOff;

    private FakeGuest(Socket socket, Runnable powerOff) {
        this.socket = socket;
        this.powerOff = powerOff;
    }

    /** @param powerOff what the tether does after reporting the exit: power its VM off */
    static FakeGuest boot(InetSocketAddress linkServer, java.util.Map<String, String> extraConfig, Runnable powerOff) {
        ContainerConfig cfg = ExtraConfigCodec.decode(ContainerConfig.class, extraConfig);
        try {
            Socket s = new Socket(linkServer.getAddress(), linkServer.getPort());
            FakeGuest g = new FakeGuest(s, powerOff);
            GuestLink guest = new GuestLink(cfg.id(), cfg.linkSecret(), LinkOptions.GUEST, link ->
                    link.onOpen(ch -> Thread.ofVirtual().start(() -> g.serve(ch, cfg.mainSession()))));
            Thread.ofVirtual().start(() -> {
                try {
                    guest.serve(s.getInputStream(), s.getOutputStream(), s);
                } catch (IOException e) {
                    // link closed
                }
                g.done.complete(null);
            });
            return g;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    void crash() throws IOException {
        socket.close();
    }

    private void serve(Channel ch, SessionConfig session) {
        if (!(ch.request() instanceof OpenRequest.Attach)) {
            ch.reset("not served by the fake guest");
            return;
        }
        CompletableFuture<Void> start = new CompletableFuture<>();
        CompletableFuture<Integer> signal = new CompletableFuture<>();
        ch.onMessage(m -> {
            if (m instanceof Message.Start) {
                start.complete(null);
            } else if (m instanceof Message.Signal s) {
                signal.complete(s.signal());
            }
        });
        start.join();
        List<String> argv = session.cmd().argv();
        try (OutputStream out = ch.output(Message.STDOUT)) {
            switch (argv.get(0)) {
                case "nosuch" -> {
                    ch.send(new Message.Exit(127, "exec: \"nosuch\": executable file not found in $PATH"));
                    powerOff.run();
                    return;
                }
                case "echo" -> {
                    ch.send(new Message.Started(42));
                    out.write((String.join(" ", argv.subList(1, argv.size())) + "\n").getBytes(StandardCharsets.UTF_8));
                    exit(ch, out, 0);
                }
                case "cat" -> {
                    ch.send(new Message.Started(43));
                    InputStream in = ch.input(Message.STDIN);
                    in.transferTo(out);
                    exit(ch, out, 0);
                }
                case "exit" -> {
                    ch.send(new Message.Started(44));
                    exit(ch, out, Integer.parseInt(argv.get(1)));
                }
                default -> {
                    ch.send(new Message.Started(45));
                    int n = signal.join();
                    exit(ch, out, 128 + n);
                }
            }
        } catch (IOException e) {
            // link gone
        }
    }

    private void exit(Channel ch, OutputStream out, int status) throws IOException {
        out.close();
        ch.output(Message.STDERR).close();
        ch.send(new Message.Exit(status, ""));
        ch.close();
        powerOff.run();
        socket.close();
    }
}
