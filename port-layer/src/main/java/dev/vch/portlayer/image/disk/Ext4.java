package dev.vch.portlayer.image.disk;

import dev.vch.portlayer.api.PortLayerException;

import java.nio.file.Path;
import java.util.List;

/** The e2fsprogs calls: the scratch filesystem and applying a debugfs script. */
public final class Ext4 {

    /** The label the guest agent mounts as the container's root filesystem. */
    public static final String LABEL = "containerfs";
    /** Fixed so directory space can be estimated (see DirSpace); small disks would get 1 KiB. */
    public static final int BLOCK_SIZE = 4096;

    private Ext4() {
    }

    /**
     * An empty ext4 filesystem of {@code sizeBytes} in a new sparse raw file. Root is owned
     * by 0:0 whoever runs this (mke2fs otherwise gives it the caller's uid); inode tables
     * and journal are left lazy, so the file stays a few MiB of data.
     */
    public static void createScratch(Path raw, long sizeBytes) {
        long kib = sizeBytes / 1024;
        Tool.run(null, List.of("mke2fs", "-q", "-F", "-t", "ext4", "-b", Integer.toString(BLOCK_SIZE), "-L", LABEL, "-m", "0",
                "-E", "lazy_itable_init=1,lazy_journal_init=1,nodiscard,root_owner=0:0",
                raw.toString(), kib + "k"));
    }

    /**
     * Runs a debugfs command file against a raw image. debugfs exits 0 even when a command
     * fails, so anything on stderr past its banner is a failure.
     */
    public static void apply(Path raw, Path script) {
        List<String> cmd = List.of("debugfs", "-w", "-f", script.toString(), raw.toString());
        Tool.Result r = Tool.runAllowingFailure(null, cmd, null);
        String errors = r.stderr().lines().filter(l -> !l.startsWith("debugfs ")).reduce("", (a, b) -> a + b + "\n");
        if (r.exitCode() != 0 || !errors.isBlank()) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to build a layer filesystem with debugfs but it failed: " + abbreviate(errors.strip()));
        }
    }

    /** {@code e2fsck -fn}: throws unless the filesystem is clean. */
    public static void check(Path raw) {
        Tool.run(null, List.of("e2fsck", "-fn", raw.toString()));
    }

    private static String abbreviate(String s) {
        return s.length() > 1500 ? s.substring(0, 1500) + "..." : s;
    }
}
