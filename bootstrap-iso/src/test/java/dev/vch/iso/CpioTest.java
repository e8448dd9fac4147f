package dev.vch.iso;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpioTest {

    @TempDir
    Path dir;

    @Test
    void writesNewcEntriesSortedWithAFixedTimeAndDevices() throws Exception {
        Path root = Files.createDirectories(dir.resolve("root"));
        Files.createDirectories(root.resolve("b"));
        Files.writeString(root.resolve("b/file"), "hello");
        Files.createSymbolicLink(root.resolve("a"), Path.of("/target"));
        Path out = dir.resolve("x.cpio");
        try (Cpio c = new Cpio(out, 0x12345678L)) {
            c.addTree(root);
            c.device("dev/console", 5, 1, 0600);
        }
        String s = new String(Files.readAllBytes(out), StandardCharsets.ISO_8859_1);
        assertThat(s).startsWith("070701");
        assertThat(s.indexOf("a\0")).isLessThan(s.indexOf("b\0")).isLessThan(s.indexOf("b/file\0"));
        assertThat(s).contains("/target").contains("hello").contains("dev/console").endsWith(pad("TRAILER!!!\0"));
        assertThat(s).contains("12345678");
        assertThat(Files.size(out) % 4).isZero();
        // the device entry: mode 020600, rdev 5:1
        int dev = s.indexOf("dev/console") - 110;
        assertThat(s.substring(dev + 14, dev + 22)).isEqualTo(String.format("%08x", 020600));
        assertThat(s.substring(dev + 78, dev + 94)).isEqualTo("0000000500000001");
    }

    private static String pad(String name) {
        // the trailer's name is padded so that header + name is a multiple of 4
        int len = 110 + name.length();
        return name + "\0".repeat((4 - len % 4) % 4);
    }
}
