package dev.vch.iso;

import static dev.vch.iso.Containers.SECRET;
import static dev.vch.iso.Containers.container;
import static dev.vch.iso.Containers.session;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.tether.TetherException;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.MountSpec;
import dev.vch.tether.config.NetworkEndpoint;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.harness.BootFiles;
import dev.vch.tether.harness.HostSide;
import dev.vch.tether.harness.LinkServer;
import dev.vch.tether.harness.TestDisk;
import dev.vch.tether.harness.TestVm;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Boots the built bootstrap.iso under qemu (TCG) with a busybox container disk and plays the host
 * side: guestinfo over the line protocol, the link over the serial port. One boot per group of
 * cases (a boot costs seconds under TCG).
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class BootstrapIsoIT {

    static final Path ISO = Path.of("target/iso/bootstrap.iso");
    static final Duration BOOT = Duration.ofSeconds(120);
    static final Duration STEP = Duration.ofSeconds(60);

    @TempDir
    static Path work;
    static BootFiles boot;
    static Path disk;

    @BeforeAll
    static void prepare() throws Exception {
        assertThat(ISO).as("build the ISO first (mvn -pl bootstrap-iso install)").exists();
        boot = BootFiles.extract(ISO, work.resolve("boot"));
        disk = TestDisk.busybox(Files.createDirectories(work.resolve("disk")), "containerfs");
    }

    @Test
    void runningContainerServesExecsAndStopsOnTerm() throws Exception {
        String id = Containers.id('a');
        SessionConfig main = session(id, false, false, null, "/", List.of("BASE=1"),
                "/bin/sh", "-c", "trap 'echo term; exit 7' TERM; echo ready; while true; do sleep 0.2; done");
        try (TestVm vm = new TestVm(ISO, boot, List.of(disk), container(id, main), SECRET, work.resolve("vm-a"))) {
            Link link = vm.links.nextLink(BOOT);
            assertThat(vm.guestInfo.await(TestVm.sessionKey(id, "started"), STEP)).isEqualTo("true");
            assertThat(vm.guestInfo.await(TestVm.sessionKey(id, "detail.starttime"), STEP)).matches("\\d+(\\.\\d+)?");

            Channel mainChannel = link.open(new OpenRequest.Attach(id, false, true));
            BlockingQueue<Message> mainMessages = new LinkedBlockingQueue<>();
            mainChannel.onMessage(mainMessages::add);
            CompletableFuture<byte[]> mainOut = drain(mainChannel);

            assertThat(exec(link, "echo", session("e1", false, false, null, null, List.of(), "echo", "hello")).out()).isEqualTo("hello\n");
            assertThat(exec(link, "exit1", session("e2", false, false, null, null, List.of(), "sh", "-c", "exit 1")).code()).isEqualTo(1);
            HostSide.Result missing = exec(link, "nf", session("e3", false, false, null, null, List.of(), "nosuchcmd"));
            assertThat(missing.code()).isEqualTo(127);
            assertThat(missing.error()).isEqualTo("exec: \"nosuchcmd\": executable file not found in $PATH");
            HostSide.Result denied = exec(link, "pd", session("e4", false, false, null, null, List.of(), "/bin/noexec"));
            assertThat(denied.code()).isEqualTo(126);
            assertThat(denied.error()).contains("permission denied");

            HostSide.Result env = exec(link, "env", session("e5", false, false, null, "/tmp", List.of("FOO=bar baz"),
                    "sh", "-c", "echo $FOO/$BASE/$HOSTNAME; pwd; cat /etc/hosts /etc/resolv.conf; hostname"));
            assertThat(env.out()).startsWith("bar baz/1/it-host\n/tmp\n").contains("10.9.9.9 db").contains("nameserver 10.0.0.53")
                    .contains("search example.test").endsWith("it-host\n");
            HostSide.Result user = exec(link, "user", session("e6", false, false, "app", null, List.of(), "sh", "-c", "id -u; id -g; id -G; echo $HOME"));
            assertThat(user.out()).isEqualTo("1000\n1000\n1000 2000\n/home/app\n");
            HostSide.Result unknownUser = exec(link, "uu", session("e7", false, false, "ghost", null, List.of(), "true"));
            assertThat(unknownUser.code()).isEqualTo(126);
            assertThat(unknownUser.error()).isEqualTo("unable to find user ghost: no matching entries in passwd file");

            HostSide.Result cat = HostSide.exec(link, "cat", session("e8", false, true, null, null, List.of(), "cat"),
                    "piped through cat\n".getBytes(), STEP);
            assertThat(cat.out()).isEqualTo("piped through cat\n");

            HostSide.Result tty = exec(link, "tty", session("e9", true, false, null, null, List.of(), "sh", "-c", "tty; stty size; echo $TERM"));
            assertThat(tty.out()).contains("/dev/pts/").contains("24 80").contains("xterm");

            // an orphan is re-parented to PID 1 and must be reaped, not left a zombie
            exec(link, "orphan", session("e10", false, false, null, null, List.of(), "sh", "-c", "sleep 0.3 & exit 0"));
            HostSide.Result zombies = exec(link, "zombies", session("e11", false, false, null, null, List.of(), "sh", "-c",
                    "sleep 1; cat /proc/[0-9]*/stat 2>/dev/null | awk '$3 == \"Z\"' | wc -l"));
            assertThat(zombies.out().strip()).isEqualTo("0");

            bigOutput(link);
            malformedFrameResetsOnlyItsChannel(vm, link, id);

            mainChannel.send(new Message.Signal(15));
            Message exit = next(mainMessages, Message.Exit.class);
            assertThat(((Message.Exit) exit).status()).isEqualTo(7);
            mainChannel.close();
            assertThat(new String(mainOut.get(30, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("ready\nterm\n");
            assertThat(vm.qemu.awaitPowerOff(STEP)).isZero();
            assertThat(vm.guestInfo.get(TestVm.sessionKey(id, "status"))).contains("7");
            assertThat(vm.guestInfo.get(TestVm.sessionKey(id, "detail.stoptime"))).isPresent();
        }
    }

    private static void bigOutput(Link link) throws Exception {
        String line = "abcdefghijklmnopqrstuvwxyz0123456789\n";
        int size = 50 * 1024 * 1024;
        long t0 = System.nanoTime();
        HostSide.Result big = HostSide.exec(link, "big", session("big", false, false, null, null, List.of(), "sh", "-c",
                "yes abcdefghijklmnopqrstuvwxyz0123456789 | head -c " + size), null, Duration.ofMinutes(3));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[bench] link throughput guest->host: %d MB in %.2f s = %.1f MB/s%n", size / 1_000_000, seconds,
                size / 1e6 / seconds);
        byte[] want = new byte[size];
        byte[] unit = line.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) want[i] = unit[i % unit.length];
        assertThat(big.code()).isZero();
        assertThat(big.stdout().length).isEqualTo(size);
        assertThat(MessageDigest.getInstance("SHA-256").digest(big.stdout())).isEqualTo(MessageDigest.getInstance("SHA-256").digest(want));
    }

    private static void malformedFrameResetsOnlyItsChannel(TestVm vm, Link link, String id) throws Exception {
        Channel c = link.open(new OpenRequest.Attach(id, false, false));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        c.onMessage(messages::add);
        // a RESIZE whose payload is 3 bytes instead of 8, written around the protocol code
        OutputStream raw = rawOf(vm);
        byte[] frame = {'V', 'L', 22, 0, 0, 0, 0, (byte) c.id(), 0, 0, 0, 3, 1, 2, 3};
        synchronized (raw) {
            raw.write(frame);
            raw.flush();
        }
        Message reset = next(messages, Message.Reset.class);
        assertThat(((Message.Reset) reset).reason()).contains("truncated");
        assertThat(exec(link, "after", session("e12", false, false, null, null, List.of(), "echo", "still served")).out())
                .isEqualTo("still served\n");
    }

    private static OutputStream rawOf(TestVm vm) {
        return vm.links.lastRaw();
    }

    @Test
    void missingCommandIsReportedAndAWrongHostSecretIsRefused() throws Exception {
        String id = Containers.id('b');
        SessionConfig main = session(id, false, false, null, null, List.of(), "nosuchcmd");
        try (TestVm vm = new TestVm(ISO, boot, List.of(disk), container(id, main), "not-the-secret".getBytes(), work.resolve("vm-b"))) {
            LinkServer.Accepted refused = vm.links.next(BOOT);
            assertThat(refused.failure()).isInstanceOf(TetherException.class).hasMessageContaining("link proof refused");
            assertThat(vm.guestInfo.await(TestVm.sessionKey(id, "started"), STEP))
                    .isEqualTo("exec: \"nosuchcmd\": executable file not found in $PATH");
            assertThat(vm.guestInfo.await(TestVm.sessionKey(id, "status"), STEP)).isEqualTo("127");
            assertThat(vm.qemu.awaitPowerOff(STEP)).isZero();
        }
    }

    @Test
    void ttyResizeAndKill() throws Exception {
        String id = Containers.id('c');
        SessionConfig main = session(id, true, true, null, null, List.of(),
                "/bin/sh", "-c", "trap '' TERM; trap 'stty size' WINCH; echo up; while true; do sleep 0.2; done");
        try (TestVm vm = new TestVm(ISO, boot, List.of(disk), container(id, main), SECRET, work.resolve("vm-c"))) {
            Link link = vm.links.nextLink(BOOT);
            Channel c = link.open(new OpenRequest.Attach(id, true, true));
            BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
            c.onMessage(messages::add);
            StringBuilder seen = new StringBuilder();
            Thread reader = Thread.ofVirtual().start(() -> {
                byte[] buf = new byte[4096];
                int n;
                try {
                    while ((n = c.input(Message.STDOUT).read(buf)) > 0) {
                        synchronized (seen) {
                            seen.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                            seen.notifyAll();
                        }
                    }
                } catch (java.io.IOException ignored) {
                    // channel closed
                }
            });
            awaitText(seen, "up");
            c.send(new Message.Resize(40, 100));
            awaitText(seen, "40 100");
            c.send(new Message.Signal(15));   // ignored by the trap
            c.send(new Message.Signal(9));
            Message exit = next(messages, Message.Exit.class);
            assertThat(((Message.Exit) exit).status()).isEqualTo(137);
            c.close();
            reader.join(10_000);
            assertThat(vm.qemu.awaitPowerOff(STEP)).isZero();
            assertThat(vm.guestInfo.get(TestVm.sessionKey(id, "status"))).contains("137");
        }
    }

    @Test
    void runBlockedMainProcessStartsOnAttachWithItsEnvUserDirNetworkAndVolume() throws Exception {
        String id = Containers.id('d');
        SessionConfig main = Containers.runBlock(session(id, false, false, "app", "/home/app", List.of("GREETING=hi"),
                "sh", "-c", "echo $GREETING from $(id -u) in $(pwd); cat /data/hello.txt; ip -4 addr show eth0 | grep inet; ip route"));
        String mac = "00:50:56:aa:bb:01";
        NetworkEndpoint bridge = new NetworkEndpoint(Common.of("pg", "bridge"), mac, true, "172.16.0.5/16", "172.16.0.1", true,
                List.of("172.16.0.1"), List.of("web"), null);
        ContainerConfig base = container(id, main);
        ContainerConfig config = new ContainerConfig(base.common(), base.hostname(), base.domainname(), base.sessions(), base.execs(),
                Map.of("bridge", bridge), Map.of("data", new MountSpec("vol1", "/data", true, List.of())), base.dns(), base.hosts(),
                base.linkSecret(), base.debug());
        Path volume = TestDisk.volume(Files.createDirectories(work.resolve("vol")), "vol1", "hello.txt", "from the volume\n");
        try (TestVm vm = new TestVm(ISO, boot, List.of(disk, volume), List.of(mac), config, SECRET, work.resolve("vm-d"))) {
            Link link = vm.links.nextLink(BOOT);
            HostSide.Result r = HostSide.attach(link, id, true, null, STEP, ch -> {
                try {
                    ch.send(new Message.Start());
                } catch (java.io.IOException e) {
                    throw new RuntimeException(e);
                }
            });
            assertThat(r.out()).startsWith("hi from 1000 in /home/app\nfrom the volume\n")
                    .contains("inet 172.16.0.5/16").contains("default via 172.16.0.1");
            assertThat(r.code()).isZero();
            assertThat(vm.qemu.awaitPowerOff(STEP)).isZero();
            assertThat(vm.guestInfo.get(TestVm.sessionKey(id, "status"))).contains("0");
            assertThat(vm.guestInfo.get("guestinfo.vice..networks|bridge.assigned.IP")).contains("172.16.0.5");
            assertThat(vm.guestInfo.get("guestinfo.vice..networks|bridge.assigned.Mask")).contains("255.255.0.0");
        }
    }

    @Test
    void diskWithoutContainerFilesystemIsAClearErrorAndPowersOff() throws Exception {
        String id = Containers.id('e');
        SessionConfig main = session(id, false, false, null, null, List.of(), "true");
        Path blank = TestDisk.blank(Files.createDirectories(work.resolve("blank")));
        try (TestVm vm = new TestVm(ISO, boot, List.of(blank), container(id, main), SECRET, work.resolve("vm-e"))) {
            String started = vm.guestInfo.await(TestVm.sessionKey(id, "started"), BOOT);
            assertThat(started).isEqualTo("no disk with an ext4 filesystem labelled \"containerfs\" (disks found: sda (no ext filesystem))");
            assertThat(vm.qemu.awaitPowerOff(STEP)).isZero();
        }
    }

    static HostSide.Result exec(Link link, String execId, SessionConfig spec) throws Exception {
        return HostSide.exec(link, execId, spec, null, STEP);
    }

    static Message next(BlockingQueue<Message> q, Class<? extends Message> type) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        while (System.nanoTime() < deadline) {
            Message m = q.poll(1, TimeUnit.SECONDS);
            if (type.isInstance(m)) return m;
        }
        throw new AssertionError("no " + type.getSimpleName() + " within " + STEP);
    }

    static CompletableFuture<byte[]> drain(Channel c) {
        CompletableFuture<byte[]> f = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try {
                f.complete(c.input(Message.STDOUT).readAllBytes());
            } catch (java.io.IOException e) {
                f.completeExceptionally(e);
            }
        });
        return f;
    }

    static void awaitText(StringBuilder seen, String text) throws InterruptedException {
        long deadline = System.nanoTime() + STEP.toNanos();
        synchronized (seen) {
            while (seen.indexOf(text) < 0) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) throw new AssertionError("no \"" + text + "\" in output: " + seen);
                seen.wait(left);
            }
        }
    }
}
