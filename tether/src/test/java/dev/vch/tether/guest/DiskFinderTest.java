package dev.vch.tether.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DiskFinderTest {

    @TempDir
    Path dir;

    /** A device image with just an ext superblock (magic and label) where the kernel would look. */
    static Path image(Path file, String label) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "rw")) {
            f.setLength(8192);
            if (label != null) {
                f.seek(DiskFinder.SUPERBLOCK + DiskFinder.MAGIC_OFFSET);
                f.write(new byte[] {0x53, (byte) 0xEF});
                f.seek(DiskFinder.SUPERBLOCK + DiskFinder.LABEL_OFFSET);
                f.write(label.getBytes(StandardCharsets.UTF_8));
            }
        }
        return file;
    }

    @Test
    void findsTheDiskByItsLabelAndExplainsWhenMissing() throws Exception {
        Path sys = Files.createDirectories(dir.resolve("sys"));
        Path dev = Files.createDirectories(dir.resolve("dev"));
        for (String n : new String[] {"sda", "sdb", "loop0"}) Files.createDirectories(sys.resolve(n));
        image(dev.resolve("sda"), null);
        image(dev.resolve("sdb"), "containerfs");
        image(dev.resolve("loop0"), "containerfs");
        DiskFinder finder = new DiskFinder(sys, dev);
        assertThat(finder.await("containerfs", 0)).isEqualTo(dev.resolve("sdb"));
        assertThatThrownBy(() -> finder.await("data", 0))
                .hasMessage("no disk with an ext4 filesystem labelled \"data\" (disks found: sda (no ext filesystem), sdb (label \"containerfs\"))");
        assertThat(DiskFinder.extLabel(dev.resolve("sda"))).isEmpty();
    }
}
