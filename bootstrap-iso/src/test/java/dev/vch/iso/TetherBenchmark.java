package dev.vch.iso;

import static dev.vch.iso.Containers.SECRET;
import static dev.vch.iso.Containers.container;
import static dev.vch.iso.Containers.session;

import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.harness.BootFiles;
import dev.vch.tether.harness.HostSide;
import dev.vch.tether.harness.TestDisk;
import dev.vch.tether.harness.TestVm;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Link;
import dev.vch.tether.protocol.Message;
import dev.vch.tether.protocol.OpenRequest;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tether's figures (docs/benchmarks-tether.md): boot to "process started" under TCG, link
 * throughput guest to host, idle qemu RSS, ISO size. Prints, asserts nothing about speed. Not part
 * of the test run (its name matches neither *Test nor *IT); bench/tether.sh runs it.
 */
class TetherBenchmark {

    static final int BOOTS = Integer.getInteger("bench.boots", 5);

    static {
        // vCPUs of the containerVM (the test harness reads it): 2 unless asked otherwise, what
        // vic-machine gives containerVMs by default (VIC's 2 vCPU / 2048 MB); the ITs boot with 1
        if (System.getProperty("vch.test.smp") == null) System.setProperty("vch.test.smp", "2");
    }

    @TempDir
    Path work;

    @Test
    void figures() throws Exception {
        // -Dbench.iso=<file> measures another build of the ISO (A/B comparisons at the same machine load)
        Path iso = Path.of(System.getProperty("bench.iso", BootstrapIsoIT.ISO.toString()));
        BootFiles boot = BootFiles.extract(iso, work.resolve("boot"));
        Path disk = TestDisk.busybox(Files.createDirectories(work.resolve("disk")), "containerfs");
        System.out.printf("[bench] host load average before: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
        System.out.printf("[bench] ISO size: %.1f MiB%n", Files.size(iso) / 1048576.0);
        List<Double> starts = new ArrayList<>();
        List<Double> cpus = new ArrayList<>();
        for (int i = 0; i < BOOTS; i++) {
            String id = Containers.id((char) ('0' + i));
            SessionConfig main = session(id, false, false, null, null, List.of(), "sleep", "600");
            try (TestVm vm = new TestVm(iso, boot, List.of(disk), container(id, main), SECRET, work.resolve("vm-" + i))) {
                try {
                    vm.guestInfo.await(TestVm.sessionKey(id, "started"), Duration.ofMinutes(2));
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new AssertionError("boot " + (i + 1) + " did not start its process; console:\n" + vm.qemu.consoleTail(), e);
                }
                double s = vm.qemu.elapsedSeconds();
                double cpu = vm.qemu.cpuSeconds();
                starts.add(s);
                cpus.add(cpu);
                System.out.printf("[bench] boot %d: qemu start to process started (guestinfo started=true) %.2f s, qemu CPU %.2f s%n",
                        i + 1, s, cpu);
                if (i == BOOTS - 1) lastBoot(vm, id);
            }
        }
        List<Double> sorted = starts.stream().sorted().toList();
        System.out.printf("[bench] boot to process started, TCG, %d boots: median %.2f s, min %.2f s, max %.2f s%n",
                BOOTS, sorted.get(sorted.size() / 2), sorted.getFirst(), sorted.getLast());
        List<Double> cpuSorted = cpus.stream().sorted().toList();
        System.out.printf("[bench] qemu CPU time until process started (less load-dependent): median %.2f s, min %.2f s, max %.2f s%n",
                cpuSorted.get(cpuSorted.size() / 2), cpuSorted.getFirst(), cpuSorted.getLast());
        System.out.printf("[bench] host load average after: %s%n", Files.readString(Path.of("/proc/loadavg")).strip());
    }

    private static void lastBoot(TestVm vm, String id) throws Exception {
        Link link = vm.links.nextLink(Duration.ofMinutes(1));
        // where this boot's time went: the tether's console lines carry ms since the JVM's main
        for (String line : vm.qemu.consoleTail().split("\n")) {
            if (!line.isBlank()) System.out.printf("[bench] console: %s%n", line.strip());
        }
        // let the guest settle: the figure is the memory of an idle containerVM, not of one still booting
        Thread.sleep(3000);
        System.out.printf("[bench] idle containerVM qemu RSS: %.0f MiB%n", vm.qemu.rssKib() / 1024.0);
        System.out.printf("[bench] of which guest RAM (the largest mapping's resident part): %.0f MiB%n", guestRamRssKib(vm.qemu.pid()) / 1024.0);
        int size = 50 * 1024 * 1024;
        // what the guest alone needs to produce the bytes (no link): separates producer from link cost
        HostSide.Result alone = HostSide.exec(link, "alone", session("alone", false, false, null, null, List.of(), "sh", "-c",
                "time head -c " + size + " /dev/zero > /dev/null"), null, Duration.ofMinutes(5));
        System.out.printf("[bench] in the guest, head -c 50M /dev/zero > /dev/null: %s%n", alone.err().strip().replace('\n', ' '));
        long t0 = System.nanoTime();
        HostSide.Result r = HostSide.exec(link, "big", session("big", false, false, null, null, List.of(), "sh", "-c",
                "head -c " + size + " /dev/zero"), null, Duration.ofMinutes(5));
        double seconds = (System.nanoTime() - t0) / 1e9;
        System.out.printf("[bench] link throughput guest->host (head -c 50M /dev/zero): %d bytes in %.2f s = %.1f MB/s%n",
                r.stdout().length, seconds, r.stdout().length / 1e6 / seconds);
        // the same with a producer that writes 1 MiB blocks (busybox head's small writes cost more
        // guest CPU under TCG than the link does), 200 MiB, counted as it arrives: the rate from the
        // first byte to the last is the link's, the rate from exec create to exit includes the exec setup
        HostSide.Result ddAlone = HostSide.exec(link, "ddalone", session("ddalone", false, false, null, null, List.of(), "sh", "-c",
                "time dd if=/dev/zero of=/dev/null bs=1048576 count=200"), null, Duration.ofMinutes(5));
        System.out.printf("[bench] in the guest, dd bs=1M count=200 > /dev/null: %s%n", ddAlone.err().strip().replace('\n', ' '));
        streamed(link, "dd", 200);
        System.out.printf("[bench] vCPUs of the containerVM: %s%n", System.getProperty("vch.test.smp", "1"));
    }

    /** The resident part of qemu's largest mapping: the guest's RAM. */
    private static long guestRamRssKib(long pid) throws java.io.IOException {
        long bestSize = 0;
        long bestRss = 0;
        long size = 0;
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/smaps"))) {
            if (line.startsWith("Size:")) {
                size = Long.parseLong(line.replaceAll("\\D", ""));
            } else if (line.startsWith("Rss:") && size > bestSize) {
                bestSize = size;
                bestRss = Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return bestRss;
    }

    /** Streams {@code mib} MiB of zeros from dd in the guest through an exec channel, counting bytes as they arrive. */
    private static void streamed(Link link, String execId, int mib) throws Exception {
        long t0 = System.nanoTime();
        Channel c = link.open(new OpenRequest.Exec(execId));
        BlockingQueue<Message> messages = new LinkedBlockingQueue<>();
        c.onMessage(messages::add);
        c.send(new Message.ExecCreate(ExtraConfigCodec.encodeDetailed("", session(execId, false, false, null, null, List.of(),
                "dd", "if=/dev/zero", "bs=1048576", "count=" + mib)).entries()));
        Message created = messages.poll(2, TimeUnit.MINUTES);
        if (!(created instanceof Message.ExecCreated)) throw new IllegalStateException("exec create answered " + created);
        c.send(new Message.ExecStart());
        long first = 0;
        long total = 0;
        byte[] buf = new byte[256 * 1024];
        try (InputStream in = c.input(Message.STDOUT)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (total == 0) first = System.nanoTime();
                total += n;
            }
        }
        long last = System.nanoTime();
        c.close();
        System.out.printf("[bench] link throughput guest->host (dd bs=1M, %d MiB): %d bytes; exec create to last byte %.2f s = %.1f MB/s;"
                        + " first to last byte %.2f s = %.1f MB/s%n", mib, total, (last - t0) / 1e9, total / 1e3 / ((last - t0) / 1e6),
                (last - first) / 1e9, total / 1e3 / ((last - first) / 1e6));
    }
}
