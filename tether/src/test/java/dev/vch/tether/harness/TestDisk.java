package dev.vch.tether.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;

/**
 * A container disk for tests: a busybox root filesystem (every applet as a symlink), users root,
 * nobody and app (1000), an executable that is not executable (for exit 126), in an ext4 image
 * labelled {@code containerfs} made with {@code mke2fs -d} (no mount needed).
 */
public final class TestDisk {

    private TestDisk() {
    }

    public static Path busybox(Path dir, String label) throws IOException, InterruptedException {
        Path root = dir.resolve("rootfs");
        Path bin = Files.createDirectories(root.resolve("bin"));
        Path busybox = Files.exists(Path.of("/usr/bin/busybox")) ? Path.of("/usr/bin/busybox") : Path.of("/bin/busybox");
        Files.copy(busybox, bin.resolve("busybox"));
        for (String applet : BootFiles.run(List.of("busybox", "--list"))) {
            if (!applet.isBlank() && !applet.equals("busybox")) Files.createSymbolicLink(bin.resolve(applet), Path.of("busybox"));
        }
        Path etc = Files.createDirectories(root.resolve("etc"));
        Files.writeString(etc.resolve("passwd"), """
                root:x:0:0:root:/root:/bin/sh
                app:x:1000:1000:app:/home/app:/bin/sh
                nobody:x:65534:65534:nobody:/nonexistent:/bin/false
                """);
        Files.writeString(etc.resolve("group"), """
                root:x:0:
                tty:x:5:
                app:x:1000:
                extra:x:2000:app
                nogroup:x:65534:
                """);
        Files.createDirectories(root.resolve("home/app"));
        Files.createDirectories(root.resolve("tmp"));
        Path noexec = root.resolve("bin/noexec");
        Files.writeString(noexec, "#!/bin/sh\necho should not run\n");
        Files.setPosixFilePermissions(noexec, PosixFilePermissions.fromString("rw-r--r--"));
        Files.setPosixFilePermissions(root.resolve("tmp"), PosixFilePermissions.fromString("rwxrwxrwx"));
        Path image = dir.resolve("disk.img");
        BootFiles.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", label, "-d", root.toString(), image.toString(), "64M"));
        return image;
    }

    /** A volume: an ext4 filesystem labelled {@code label} holding one file. */
    public static Path volume(Path dir, String label, String fileName, String content) throws IOException, InterruptedException {
        Path root = Files.createDirectories(dir.resolve(label + "-root"));
        Files.writeString(root.resolve(fileName), content);
        Path image = dir.resolve(label + ".img");
        BootFiles.run(List.of("mke2fs", "-q", "-F", "-t", "ext4", "-L", label, "-d", root.toString(), image.toString(), "16M"));
        return image;
    }

    /** A disk with no filesystem at all. */
    public static Path blank(Path dir) throws IOException {
        Path image = dir.resolve("blank.img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength(16L << 20);
        }
        return image;
    }
}
