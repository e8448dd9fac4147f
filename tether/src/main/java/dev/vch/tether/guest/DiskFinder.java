package dev.vch.tether.guest;

import dev.vch.tether.TetherException;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/** Finds block devices by the label of the ext2/3/4 filesystem on them (no blkid in the guest). */
final class DiskFinder {

    static final int SUPERBLOCK = 1024;
    static final int MAGIC_OFFSET = 0x38;
    static final int LABEL_OFFSET = 0x78;

    private final Path sysBlock;
    private final Path dev;

    DiskFinder(Path sysBlock, Path dev) {
        this.sysBlock = sysBlock;
        this.dev = dev;
    }

    static DiskFinder system() {
        return new DiskFinder(Path.of("/sys/class/block"), Path.of("/dev"));
    }

    /** The ext label of a device or image, or empty when it holds no ext filesystem. */
    static Optional<String> extLabel(Path device) throws IOException {
        try (RandomAccessFile f = new RandomAccessFile(device.toFile(), "r")) {
            byte[] sb = new byte[256];
            f.seek(SUPERBLOCK);
            f.readFully(sb);
            if ((sb[MAGIC_OFFSET] & 0xff) != 0x53 || (sb[MAGIC_OFFSET + 1] & 0xff) != 0xEF) return Optional.empty();
            int end = LABEL_OFFSET;
            while (end < LABEL_OFFSET + 16 && sb[end] != 0) end++;
            return Optional.of(new String(sb, LABEL_OFFSET, end - LABEL_OFFSET, StandardCharsets.UTF_8));
        } catch (java.io.EOFException e) {
            return Optional.empty();
        }
    }

    /** label -> device path, and a description of every disk looked at (for error messages). */
    record Scan(TreeMap<String, Path> byLabel, List<String> seen) {
    }

    Scan scan() {
        TreeMap<String, Path> byLabel = new TreeMap<>();
        List<String> seen = new ArrayList<>();
        if (!Files.isDirectory(sysBlock)) return new Scan(byLabel, seen);
        try (DirectoryStream<Path> entries = Files.newDirectoryStream(sysBlock)) {
            for (Path e : entries) {
                String name = e.getFileName().toString();
                if (!name.matches("(sd[a-z]+|vd[a-z]+|nvme\\d+n\\d+|xvd[a-z]+)\\d*(p\\d+)?")) continue;
                Path node = dev.resolve(name);
                try {
                    Optional<String> label = extLabel(node);
                    seen.add(name + (label.isEmpty() ? " (no ext filesystem)" : " (label \"" + label.get() + "\")"));
                    label.ifPresent(l -> byLabel.putIfAbsent(l, node));
                } catch (IOException ex) {
                    seen.add(name + " (unreadable: " + ex.getMessage() + ")");
                }
            }
        } catch (IOException e) {
            throw new TetherException(TetherException.Kind.SYSTEM, "cannot list block devices: " + e.getMessage(), e);
        }
        return new Scan(byLabel, seen);
    }

    /** Waits up to {@code timeoutMs} for a device with {@code label}; throws a clear error when there is none. */
    Path await(String label, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            Scan s = scan();
            Path found = s.byLabel().get(label);
            if (found != null) return found;
            if (System.nanoTime() > deadline) {
                throw new TetherException(TetherException.Kind.INVALID_CONFIG, "no disk with an ext4 filesystem labelled \""
                        + label + "\" (disks found: " + (s.seen().isEmpty() ? "none" : String.join(", ", s.seen())) + ")");
            }
            Poll.pause();
        }
    }
}
