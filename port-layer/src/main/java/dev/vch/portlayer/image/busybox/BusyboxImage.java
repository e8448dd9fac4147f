package dev.vch.portlayer.image.busybox;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.vch.portlayer.image.archive.SaveArchiveWriter;
import dev.vch.portlayer.image.store.Json;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Date;
import java.util.List;
import java.util.TreeSet;

/**
 * Builds the bundled {@code busybox:latest} image as a {@code docker save} archive from
 * Debian's busybox-static: one layer with /bin/busybox, every applet as a hard link to it
 * (as the official image does), /etc/passwd and /etc/group with root and nobody, Cmd
 * ["sh"]. Every mtime is fixed, so the image ID only changes when the binary does.
 * Run by the port-layer build (exec-maven-plugin) into target/busybox.tar.
 */
public final class BusyboxImage {

    /** 2024-01-01T00:00:00Z: every mtime in the image and the config's created. */
    static final long MTIME = 1_704_067_200L;
    static final String PATH = "/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin";

    private BusyboxImage() {
    }

    /** args: output archive [busybox binary, default /bin/busybox]. */
    public static void main(String[] args) throws IOException, InterruptedException {
        Path out = Path.of(args.length > 0 ? args[0] : "target/busybox.tar");
        Path binary = Path.of(args.length > 1 ? args[1] : "/bin/busybox");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("Tried to build the busybox image but " + binary
                    + " is missing: install Debian's busybox-static (apt-get install busybox-static)");
        }
        String id = write(binary, out);
        System.out.println("busybox image " + id + " -> " + out);
    }

    /** Writes the archive; returns the image ID. */
    public static String write(Path binary, Path out) throws IOException, InterruptedException {
        Files.createDirectories(out.toAbsolutePath().getParent());
        Path layer = Files.createTempFile(out.toAbsolutePath().getParent(), "busybox-layer", ".tar");
        try {
            writeLayer(binary, applets(binary), layer);
            byte[] config = config(SaveArchiveWriter.sha256(layer));
            Path tmp = out.resolveSibling(out.getFileName() + ".part");
            try (OutputStream o = Files.newOutputStream(tmp)) {
                SaveArchiveWriter.write(o, config, List.of(layer), List.of("busybox:latest"));
            }
            Files.move(tmp, out, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            return dev.vch.portlayer.image.store.ChainIds.sha256(config);
        } finally {
            Files.deleteIfExists(layer);
        }
    }

    /** The applet paths the binary reports ("bin/ls", "usr/bin/awk"), sorted. */
    static TreeSet<String> applets(Path binary) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(binary.toString(), "--list-full").redirectErrorStream(true).start();
        String list = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IOException(binary + " --list-full failed: " + list);
        }
        TreeSet<String> out = new TreeSet<>();
        // top-level entries such as "linuxrc" are boot-time init links, not commands
        list.lines().map(String::strip).filter(l -> l.contains("/") && !l.equals("bin/busybox")).forEach(out::add);
        return out;
    }

    static void writeLayer(Path binary, TreeSet<String> applets, Path layer) throws IOException {
        try (OutputStream o = Files.newOutputStream(layer);
             TarArchiveOutputStream tar = new TarArchiveOutputStream(o, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            TreeSet<String> dirs = new TreeSet<>(List.of("bin", "dev", "etc", "home", "proc", "root", "sbin", "sys",
                    "tmp", "usr", "usr/bin", "usr/sbin", "var", "var/spool", "var/www"));
            applets.forEach(a -> dirs.add(a.substring(0, a.lastIndexOf('/'))));
            for (String d : dirs) {
                entry(tar, new TarArchiveEntry(d + "/"), d.equals("tmp") ? 01777 : d.equals("root") ? 0700 : 0755);
            }
            TarArchiveEntry bb = new TarArchiveEntry("bin/busybox");
            bb.setSize(Files.size(binary));
            put(tar, bb, 0755);
            try (InputStream in = Files.newInputStream(binary)) {
                in.transferTo(tar);
            }
            tar.closeArchiveEntry();
            for (String a : applets) {
                TarArchiveEntry l = new TarArchiveEntry(a, TarConstants.LF_LINK);
                l.setLinkName("bin/busybox");
                entry(tar, l, 0755);
            }
            text(tar, "etc/passwd", "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/home:/bin/false\n");
            text(tar, "etc/group", "root:x:0:\nnobody:x:65534:\n");
            tar.finish();
        }
    }

    private static void text(TarArchiveOutputStream tar, String name, String content) throws IOException {
        byte[] b = content.getBytes(StandardCharsets.UTF_8);
        TarArchiveEntry e = new TarArchiveEntry(name);
        e.setSize(b.length);
        put(tar, e, 0644);
        tar.write(b);
        tar.closeArchiveEntry();
    }

    private static void entry(TarArchiveOutputStream tar, TarArchiveEntry e, int mode) throws IOException {
        put(tar, e, mode);
        tar.closeArchiveEntry();
    }

    private static void put(TarArchiveOutputStream tar, TarArchiveEntry e, int mode) throws IOException {
        e.setMode(mode);
        e.setUserId(0);
        e.setGroupId(0);
        e.setUserName("root");
        e.setGroupName("root");
        e.setModTime(new Date(MTIME * 1000));
        tar.putArchiveEntry(e);
    }

    static byte[] config(String diffId) {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("architecture", "amd64");
        ObjectNode c = root.putObject("config");
        c.putArray("Env").add("PATH=" + PATH);
        c.putArray("Cmd").add("sh");
        String created = java.time.Instant.ofEpochSecond(MTIME).toString();
        root.put("created", created);
        ObjectNode h = root.putArray("history").addObject();
        h.put("created", created);
        h.put("created_by", "vch build: Debian busybox-static as /bin/busybox, applets as hard links");
        root.put("os", "linux");
        ObjectNode rootfs = root.putObject("rootfs");
        rootfs.put("type", "layers");
        rootfs.putArray("diff_ids").add(diffId);
        return Json.write(root);
    }
}
