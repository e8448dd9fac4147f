package dev.vch.iso;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Writes an initramfs in the "newc" cpio format the kernel unpacks: entries sorted by path, owner
 * root, one fixed mtime (reproducible), device nodes without needing mknod on the build host.
 */
final class Cpio implements AutoCloseable {

    private final OutputStream out;
    private final long mtime;
    private long written;
    private int ino = 1;

    Cpio(Path file, long mtime) throws IOException {
        this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
        this.mtime = mtime;
    }

    /** Every file, directory and symlink under {@code root}, sorted. */
    void addTree(Path root) throws IOException {
        List<Path> all = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root)) {
            s.filter(p -> !p.equals(root)).forEach(all::add);
        }
        all.sort(null);
        for (Path p : all) {
            String name = root.relativize(p).toString();
            if (Files.isSymbolicLink(p)) {
                byte[] target = Files.readSymbolicLink(p).toString().getBytes(StandardCharsets.UTF_8);
                entry(name, 0120777, 0, 0, target);
            } else if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
                entry(name, 040000 | mode(p), 0, 0, new byte[0]);
            } else {
                entry(name, 0100000 | mode(p), 0, 0, Files.readAllBytes(p));
            }
        }
    }

    void device(String name, int major, int minor, int mode) throws IOException {
        entry(name, 020000 | mode, major, minor, new byte[0]);
    }

    private static int mode(Path p) throws IOException {
        Set<PosixFilePermission> perms = Files.getPosixFilePermissions(p, LinkOption.NOFOLLOW_LINKS);
        int m = 0;
        for (PosixFilePermission perm : perms) {
            m |= switch (perm) {
                case OWNER_READ -> 0400; case OWNER_WRITE -> 0200; case OWNER_EXECUTE -> 0100;
                case GROUP_READ -> 040; case GROUP_WRITE -> 020; case GROUP_EXECUTE -> 010;
                case OTHERS_READ -> 04; case OTHERS_WRITE -> 02; case OTHERS_EXECUTE -> 01;
            };
        }
        return m;
    }

    private void entry(String name, int mode, int rmajor, int rminor, byte[] data) throws IOException {
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        String header = "070701" + hex(ino++) + hex(mode) + hex(0) + hex(0) + hex((mode & 040000) != 0 ? 2 : 1) + hex(mtime)
                + hex(data.length) + hex(0) + hex(0) + hex(rmajor) + hex(rminor) + hex(n.length) + hex(0);
        write(header.getBytes(StandardCharsets.US_ASCII));
        write(n);
        pad();
        write(data);
        pad();
    }

    private void write(byte[] b) throws IOException {
        out.write(b);
        written += b.length;
    }

    private void pad() throws IOException {
        while (written % 4 != 0) write(new byte[1]);
    }

    private static String hex(long v) {
        return String.format("%08x", v);
    }

    @Override
    public void close() throws IOException {
        entry("TRAILER!!!", 0, 0, 0, new byte[0]);
        out.close();
    }
}
