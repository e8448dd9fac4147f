package dev.vch.sim.mo;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Children written in place against what qemu-img makes and reads (the tool is the reference). */
class SparseVmdkIT {
    private static final int SECTOR = 512;
    private static final int DESCRIPTOR_END = 21 * SECTOR;
    @TempDir
    Path dir;

    @ParameterizedTest
    @CsvSource({"16M, 16384", "10000K, 8192", "1G, 8388608"})
    void aChildIsTheFileQemuImgWritesButForItsRandomCid(String parentSize, long childKb) throws Exception {
        Path parent = dir.resolve("images/l1/l1.vmdk");
        Files.createDirectories(parent.getParent());
        run("qemu-img", "create", "-q", "-f", "vmdk", parent.toString(), parentSize);
        Path byQemu = Files.createDirectories(dir.resolve("q")).resolve("c.vmdk");
        Path ours = Files.createDirectories(dir.resolve("o")).resolve("c.vmdk");
        long parentBytes = SparseVmdk.parentInfo(parent).orElseThrow().capacityBytes();
        long size = Math.max(childKb * 1024, parentBytes);
        run("qemu-img", "create", "-q", "-f", "vmdk", "-b", "../images/l1/l1.vmdk", "-F", "vmdk", byQemu.toString(),
                size + "");
        Disks.create(ours, childKb, parent);

        byte[] a = Files.readAllBytes(byQemu);
        byte[] b = Files.readAllBytes(ours);
        assertThat(b.length).isEqualTo(a.length);
        assertThat(Arrays.copyOfRange(b, 0, SECTOR)).as("header").isEqualTo(Arrays.copyOfRange(a, 0, SECTOR));
        assertThat(descriptorWithoutCid(b)).isEqualTo(descriptorWithoutCid(a));
        assertThat(Arrays.copyOfRange(b, DESCRIPTOR_END, b.length)).as("grain directories and tables")
                .isEqualTo(Arrays.copyOfRange(a, DESCRIPTOR_END, a.length));
        assertThat(run("qemu-img", "check", ours.toString())).contains("No errors were found");
        assertThat(run("qemu-img", "info", ours.toString())).contains("backing file: ../images/l1/l1.vmdk")
                .contains("virtual size: " + qemuSize(size));
    }

    @Test
    void dataOfTheParentReadsThroughTheChildAndWritesStayInTheChild() throws Exception {
        Path parent = dir.resolve("p.vmdk");
        run("qemu-img", "create", "-q", "-f", "vmdk", parent.toString(), "64M");
        run("qemu-io", "-f", "vmdk", "-c", "write -P 0x5a 1M 64k", parent.toString());
        Path child = dir.resolve("vm/c.vmdk");
        Disks.create(child, 0, parent);
        assertThat(run("qemu-io", "-f", "vmdk", "-r", "-c", "read -P 0x5a 1M 64k", child.toString()))
                .doesNotContain("Pattern verification failed");
        run("qemu-io", "-f", "vmdk", "-c", "write -P 0x33 0 64k", child.toString());
        assertThat(run("qemu-io", "-f", "vmdk", "-r", "-c", "read -P 0x33 0 64k", child.toString()))
                .doesNotContain("Pattern verification failed");
        assertThat(run("qemu-io", "-f", "vmdk", "-r", "-c", "read -P 0 0 64k", parent.toString()))
                .doesNotContain("Pattern verification failed");
        assertThat(run("qemu-img", "check", child.toString())).contains("No errors were found");
    }

    @Test
    void aParentThatIsNotSparseIsLeftToQemuImg() throws Exception {
        Path raw = dir.resolve("flat.vmdk");
        run("qemu-img", "create", "-q", "-f", "vmdk", "-o", "subformat=monolithicFlat", raw.toString(), "8M");
        assertThat(SparseVmdk.parentInfo(raw)).isEmpty();
        Path child = dir.resolve("c/c.vmdk");
        Disks.create(child, 0, raw);
        assertThat(run("qemu-img", "info", child.toString())).contains("backing file: ../flat.vmdk");
    }

    /** The embedded descriptor (sectors 1-20) without its own CID line (qemu-img picks a random one too). */
    private static String descriptorWithoutCid(byte[] file) {
        String d = new String(file, SECTOR, DESCRIPTOR_END - SECTOR, StandardCharsets.US_ASCII).replace("\0", "");
        assertThat(d).containsPattern("(?m)^CID=[0-9a-f]{1,8}$");
        return d.replaceAll("(?m)^CID=[0-9a-f]{1,8}\n", "");
    }

    private static String qemuSize(long bytes) {
        return bytes % (1 << 30) == 0 ? bytes / (1 << 30) + " GiB" : bytes % (1 << 20) == 0 ? bytes / (1 << 20) + " MiB"
                : String.format("%.3g MiB", bytes / (double) (1 << 20));
    }

    private static String run(String... cmd) throws Exception {
        List<String> c = new ArrayList<>(List.of(cmd));
        Process p = new ProcessBuilder(c).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(String.join(" ", cmd) + ": " + out).isZero();
        return out;
    }
}
