package dev.vch.tether.guest;

import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guest.sys.Fd;
import dev.vch.tether.guest.sys.Reaper;
import dev.vch.tether.guest.sys.SpawnSpec;
import dev.vch.tether.guest.sys.Spawner;
import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.GuestInfoText;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.GuestLink;
import dev.vch.tether.protocol.HostLink;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The AOT training run made when the ISO is built (java ... --aot-training, in a chroot of the
 * initramfs so every path matches the guest): walks the code paths of a boot that have no side
 * effects (codec, link handshake and channels, downcall handles, a spawn) so their classes and
 * linkage land in the AOT cache. Under TCG every class not in the cache costs milliseconds.
 */
final class Training {

    private Training() {
    }

    static void run() throws Exception {
        byte[] secret = "training-secret".getBytes();
        String id = "0000000000000000000000000000000000000000000000000000000000000000";
        ContainerConfig c = new ContainerConfig(Common.of(id, "train"), "train", null,
                Map.of(id, new SessionConfig(Common.of(id, "train"), new Cmd("/bin/true", List.of("a"), List.of("A=b"), "/"),
                        false, true, true, true, "0:0", "SIGTERM", null, null, null)),
                Map.of(), Map.of(), Map.of(), null, List.of(), secret, false);
        Map<String, String> keys = ExtraConfigCodec.encode(c);
        ContainerConfig back = ExtraConfigCodec.decode(ContainerConfig.class, GuestInfoText.parse(GuestInfoText.format(keys)));
        EtcFiles.hosts(back);
        EtcFiles.resolvConf(back);
        Users.resolve("root", "root:x:0:0:root:/root:/bin/sh\n", "root:x:0:\n");
        // best effort: a partly trained cache still works, a failed build does not
        try {
            link(id, secret);
        } catch (Exception e) {
            Console.info("training: link part failed: " + e);
        }
        try {
            spawn();
        } catch (Exception e) {
            Console.info("training: spawn part failed: " + e);
        }
        Console.info("training done");
    }

    private static void link(String id, byte[] secret) throws Exception {
        PipedInputStream hostIn = new PipedInputStream(1 << 20);
        PipedOutputStream guestOut = new PipedOutputStream(hostIn);
        PipedInputStream guestIn = new PipedInputStream(1 << 20);
        PipedOutputStream hostOut = new PipedOutputStream(guestIn);
        CompletableFuture<Link> guestUp = new CompletableFuture<>();
        GuestLink guest = new GuestLink(id, secret, LinkOptions.GUEST, l -> {
            l.onOpen(ch -> Threads.start("train-ch", () -> echo(ch)));
            guestUp.complete(l);
        });
        Threads.start("train-guest", () -> {
            try {
                guest.serve(guestIn, guestOut, () -> { });
            } catch (IOException | RuntimeException ignored) {
                // ends when the pipes close
            }
        });
        Link host = HostLink.accept(hostIn, hostOut, () -> { }, x -> Optional.of(secret), LinkOptions.HOST);
        guestUp.get(30, TimeUnit.SECONDS);
        Channel ch = host.open(new OpenRequest.Attach(id, true, true));
        ch.output(Message.STDIN).write("training".getBytes());
        ch.output(Message.STDIN).close();
        ch.input(Message.STDOUT).readAllBytes();
        ch.close();
        host.close();
        hostOut.close();
        guestOut.close();
    }

    private static void echo(Channel ch) {
        try {
            ch.onMessage(m -> { });
            byte[] all = ch.input(Message.STDIN).readAllBytes();
            ch.output(Message.STDOUT).write(all);
            ch.output(Message.STDOUT).close();
            ch.send(new Message.Exit(0, ""));
            ch.close();
        } catch (IOException e) {
            ch.reset(e.getMessage());
        }
    }

    private static void spawn() throws Exception {
        String busybox = "/bin/busybox"; // the initramfs's (init.sh's shell)
        if (!new java.io.File(busybox).exists()) return;
        Reaper reaper = new Reaper().start();
        int[] out = Sys.pipe();
        long pid = new Spawner().spawn(new SpawnSpec(busybox, List.of("echo", "trained"), List.of("PATH=/bin"), "/",
                0, 0, null, null, out[1], out[1], out[1]));
        Sys.close(out[1]);
        try (InputStream in = Fd.input(out[0])) {
            in.readAllBytes();
        }
        reaper.register(pid).get(30, TimeUnit.SECONDS);
    }
}
