package dev.vch.portlayer.image;

import dev.vch.portlayer.image.archive.SaveArchiveWriter;
import dev.vch.portlayer.image.disk.Tool;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Json;
import dev.vch.portlayer.image.store.LayerBuilder;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Random;

/**
 * Benchmark (prints figures; docs/benchmarks-image-store.md): {@code docker load} of a
 * generated ~100 MB, 5-layer archive into a store with VIC's 8 GiB base disk, split into
 * spool, extract, filesystem build and disk phases; peak heap; and, for the ownership
 * decision, building the first layer's filesystem with mke2fs -d and genext2fs instead.
 * Run: see the doc. Args: [work dir] [MiB per layer].
 */
public final class ImageStoreBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args.length > 0 ? args[0] : "target/bench-image-store");
        int mib = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        Tool.run(null, List.of("rm", "-rf", work.toString()));
        Files.createDirectories(work);
        List<Path> layers = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            layers.add(layer(work.resolve("layer" + i + ".tar"), i, mib));
        }
        var config = Json.MAPPER.createObjectNode();
        config.put("architecture", "amd64").put("os", "linux").put("created", "2024-01-01T00:00:00Z");
        config.putObject("config").putArray("Cmd").add("sh");
        var ids = config.putObject("rootfs").put("type", "layers").putArray("diff_ids");
        for (Path l : layers) {
            ids.add(SaveArchiveWriter.sha256(l));
        }
        Path archive = work.resolve("bench.tar");
        try (OutputStream o = Files.newOutputStream(archive)) {
            SaveArchiveWriter.write(o, Json.write(config), layers, List.of("bench:latest"));
        }
        System.out.printf("archive: %.1f MB, 5 layers%n", Files.size(archive) / 1e6);

        resetPeaks();
        LocalDirDatastore ds = new LocalDirDatastore(work.resolve("ds"), "datastore1");
        long t0 = System.nanoTime();
        ImageStore store = new ImageStore(ds, "vch/VIC/bench", work.resolve("store-work"),
                ImageStore.DEFAULT_BASE_SIZE).start();
        long t1 = System.nanoTime();
        try (InputStream in = Files.newInputStream(archive)) {
            store.load(in, null);
        }
        long t2 = System.nanoTime();
        LayerBuilder.Timings t = store.lastTimings();
        double total = (t2 - t1) / 1e9;
        double layersSum = (t.extractNanos() + t.fsNanos() + t.diskNanos() + t.uploadNanos()) / 1e9;
        System.out.printf("store start (scratch 8 GiB ext4 + vmdk): %.2f s%n", (t1 - t0) / 1e9);
        System.out.printf("load to \"image registered\": %.2f s (%.1f MB/s)%n", total, Files.size(archive) / 1e6 / total);
        System.out.printf("  spool archive + metadata: %.2f s%n", total - layersSum);
        System.out.printf("  extract (tar parse, checks, staging, diff_id): %.2f s%n", t.extractNanos() / 1e9);
        System.out.printf("  fs build (snapshot + debugfs): %.2f s%n", t.fsNanos() / 1e9);
        System.out.printf("  vmdk (grain delta + qemu-io child): %.2f s, of which comparing %.2f s%n",
                t.diskNanos() / 1e9, t.compareNanos() / 1e9);
        System.out.printf("  datastore upload: %.2f s%n", t.uploadNanos() / 1e9);
        System.out.printf("peak heap: %.1f MiB (max heap %.0f MiB)%n", peakHeap() / 1048576.0,
                Runtime.getRuntime().maxMemory() / 1048576.0);
        long disks = 0;
        for (String c : store.record("bench").chainIds()) {
            disks += Files.size(ds.resolve("vch/VIC/bench/images/" + ChainIds.hex(c) + "/" + ChainIds.hex(c) + ".vmdk"));
        }
        System.out.printf("layer disks on the datastore: %.1f MB%n", disks / 1e6);
        alternatives(work, layers.getFirst());
    }

    /** The first layer's filesystem built by the tools considered and not chosen. */
    static void alternatives(Path work, Path layer) {
        Path dir = work.resolve("extracted");
        Tool.run(null, List.of("mkdir", "-p", dir.toString()));
        long t0 = System.nanoTime();
        Tool.run(null, List.of("tar", "-xpf", layer.toString(), "-C", dir.toString(), "--numeric-owner"));
        long t1 = System.nanoTime();
        Path raw = work.resolve("alt.raw");
        Tool.run(null, List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", "4096", "-L", "containerfs",
                "-E", "lazy_itable_init=1,lazy_journal_init=1", "-d", dir.toString(), raw.toString(), "8G"));
        long t2 = System.nanoTime();
        Path raw2 = work.resolve("alt2.raw");
        Tool.Result g = Tool.runAllowingFailure(null, List.of("genext2fs", "-b", "262144", "-N", "65536", "-d",
                dir.toString(), raw2.toString()), null);
        long t3 = System.nanoTime();
        System.out.printf("alternatives for layer 0: tar -x as root %.2f s; mke2fs -d %.2f s; genext2fs (ext2, 1 GiB) "
                + "%.2f s%s%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9, g.exitCode() == 0 ? "" : " (failed)");
    }

    /** ~mib MiB in 256 KiB random files plus 400 small files and links; layer 3 whites out layer 1. */
    static Path layer(Path file, int index, int mib) throws IOException {
        Random rnd = new Random(index);
        try (OutputStream o = Files.newOutputStream(file);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(o)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            String d = "data" + index;
            put(tar, new TarArchiveEntry(d + "/"), 0755, null);
            byte[] buf = new byte[256 * 1024];
            for (int i = 0; i < mib * 4; i++) {
                rnd.nextBytes(buf);
                TarArchiveEntry e = new TarArchiveEntry(d + "/blob" + i);
                e.setSize(buf.length);
                put(tar, e, 0644, buf);
            }
            for (int i = 0; i < 400; i++) {
                byte[] small = ("file " + index + "/" + i + "\n").repeat(20).getBytes();
                TarArchiveEntry e = new TarArchiveEntry("etc/conf" + index + "/f" + i);
                e.setSize(small.length);
                put(tar, e, 0600, small);
            }
            for (int i = 0; i < 50; i++) {
                TarArchiveEntry s = new TarArchiveEntry("usr/bin/l" + index + "_" + i, TarConstants.LF_SYMLINK);
                s.setLinkName("/" + d + "/blob0");
                put(tar, s, 0777, null);
            }
            if (index == 3) {
                put(tar, new TarArchiveEntry("data1/.wh..wh..opq"), 0644, new byte[0]);
                put(tar, new TarArchiveEntry("etc/conf0/.wh.f1"), 0644, new byte[0]);
            }
        }
        return file;
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, int mode, byte[] data) throws IOException {
        e.setMode(mode);
        e.setModTime(new Date(1_700_000_000_000L));
        if (data != null) {
            e.setSize(data.length);
        }
        tar.putArchiveEntry(e);
        if (data != null) {
            tar.write(data);
        }
        tar.closeArchiveEntry();
    }

    static void resetPeaks() {
        System.gc();
        ManagementFactory.getMemoryPoolMXBeans().forEach(MemoryPoolMXBean::resetPeakUsage);
    }

    static long peakHeap() {
        long sum = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
            if (p.getType() == MemoryType.HEAP) {
                sum += p.getPeakUsage().getUsed();
            }
        }
        return sum;
    }
}
