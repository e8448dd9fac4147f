package dev.vch.portlayer.container;

import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.events.EventBus;
import dev.vch.portlayer.link.LinkRegistry;
import dev.vch.portlayer.link.LinkServer;
import dev.vch.tether.protocol.LinkOptions;
import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A container service over fake VMs whose power-on boots a {@link FakeGuest} on a real link server. */
final class Fixture implements AutoCloseable {
    static final Image BUSYBOX = new Image("sha256:" + "b".repeat(64), List.of("busybox:latest"), List.of(), "",
            Instant.EPOCH, 1000, "linux", "amd64",
            new Image.Config(List.of("sh"), List.of(), List.of("PATH=/bin"), "", "", null, null, null, null));

    /** How long the service waits for a fake tether's own power-off. */
    static final Duration GUEST_POWER_OFF = Duration.ofSeconds(1);
    final FakeVms vms;
    final EventBus events = new EventBus();
    final LinkRegistry links = new LinkRegistry();
    final VsphereContainerService service;
    final LinkServer server;
    final List<FakeGuest> guests = new CopyOnWriteArrayList<>();
    volatile boolean guestBoots = true;
    /** Whether the fake tether powers its VM off after reporting the exit. */
    volatile boolean guestPowersOff = true;

    Fixture(Path logDir, FakeVms vms, Duration startTimeout) throws Exception {
        this.vms = vms;
        ImageResolver images = ref -> {
            if (!ref.equals("docker.io/library/busybox:latest")) {
                throw PortLayerException.noSuchImage(ref);
            }
            return new ImageResolver.ResolvedImage(BUSYBOX, "[ds1] vch/images/abc/abc.vmdk", 1024);
        };
        service = new VsphereContainerService(vms, images, links, events, new ContainerSettings("vch-1",
                "tcp://127.0.0.1:2377", "ds1", "[ds1] vch/bootstrap.iso", "bridge-pg", 1, 256, startTimeout, logDir,
                GUEST_POWER_OFF));
        service.rebuild();
        server = LinkServer.start(new InetSocketAddress("127.0.0.1", 0), service.secrets(), links, LinkOptions.HOST);
        vms.onPowerOn = (h, ec) -> {
            if (guestBoots) {
                int run = vms.runOf(h);
                guests.add(FakeGuest.boot(server.address(), ec, () -> {
                    if (guestPowersOff) {
                        vms.poweredOffByItself(h, run);
                    }
                }));
            }
        };
    }

    static ContainerSpec spec(String name, List<String> cmd) {
        return new ContainerSpec(name, "docker.io/library/busybox:latest", cmd, null, List.of("A=1"), null, null, null,
                null, null, false, false, false, false, true, true, null, null, null, null, null, false, 0, 0, null,
                null, 0, 0);
    }

    static ContainerSpec withAutoRemove(ContainerSpec s) {
        return new ContainerSpec(s.name(), s.image(), s.cmd(), s.entrypoint(), s.env(), s.workingDir(), s.user(),
                s.hostname(), s.domainname(), s.labels(), s.tty(), s.openStdin(), s.stdinOnce(), s.attachStdin(),
                s.attachStdout(), s.attachStderr(), s.exposedPorts(), s.binds(), s.portBindings(), s.networkMode(),
                s.restartPolicy(), true, 0, 0, null, null, 0, 0);
    }

    /** {@code docker run -it}: interactive with a TTY. */
    static ContainerSpec withTty(ContainerSpec s) {
        ContainerSpec i = interactive(s);
        return new ContainerSpec(i.name(), i.image(), i.cmd(), i.entrypoint(), i.env(), i.workingDir(), i.user(),
                i.hostname(), i.domainname(), i.labels(), true, i.openStdin(), i.stdinOnce(), i.attachStdin(),
                i.attachStdout(), i.attachStderr(), i.exposedPorts(), i.binds(), i.portBindings(), i.networkMode(),
                i.restartPolicy(), i.autoRemove(), 0, 0, null, null, 0, 0);
    }

    static ContainerSpec interactive(ContainerSpec s) {
        return new ContainerSpec(s.name(), s.image(), s.cmd(), s.entrypoint(), s.env(), s.workingDir(), s.user(),
                s.hostname(), s.domainname(), s.labels(), s.tty(), true, true, true,
                s.attachStdout(), s.attachStderr(), s.exposedPorts(), s.binds(), s.portBindings(), s.networkMode(),
                s.restartPolicy(), false, 0, 0, null, null, 0, 0);
    }

    @Override
    public void close() {
        server.close();
        service.close();
    }

    /** Collects output; {@link #ended} completes with the end. */
    static final class Collector implements OutputSink {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final CompletableFuture<String> ended = new CompletableFuture<>();

        @Override
        public synchronized void write(StdStream stream, byte[] data) {
            out.writeBytes(data);
        }

        @Override
        public void end(String error) {
            ended.complete(error == null ? "" : error);
        }

        synchronized String text() {
            return out.toString(StandardCharsets.UTF_8);
        }
    }
}
