package dev.vch.portlayer.image;

import dev.vch.portlayer.image.disk.QemuImg;
import dev.vch.portlayer.image.disk.Tool;

import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads an image disk back with debugfs for assertions (converted to a raw copy first). */
public final class Ext4Reader {

    /** What debugfs stat says about one inode. */
    public record Stat(String type, int mode, long uid, long gid, int links, long mtime, long size, long inode) {
    }

    private final Path raw;

    private Ext4Reader(Path raw) {
        this.raw = raw;
    }

    public static Ext4Reader ofVmdk(Path vmdk, Path dir) {
        Path raw = dir.resolve("readback-" + System.nanoTime() + ".raw");
        QemuImg.toRaw(vmdk, raw);
        return new Ext4Reader(raw);
    }

    public Path raw() {
        return raw;
    }

    public String debugfs(String request) {
        return Tool.run(null, List.of("debugfs", "-R", request, raw.toString())).stdout();
    }

    /** Null when the path does not exist. */
    public Stat stat(String path) {
        Tool.Result r = Tool.runAllowingFailure(null, List.of("debugfs", "-R", "stat \"" + path + "\"",
                raw.toString()), null);
        String s = r.stdout();
        if (!s.contains("Inode:")) {
            return null;
        }
        Matcher m = Pattern.compile("Inode: (\\d+)\\s+Type: (\\S+)\\s+Mode:\\s+(\\d+)").matcher(s);
        m.find();
        Matcher u = Pattern.compile("User:\\s+(\\d+)\\s+Group:\\s+(\\d+).*?Size: (\\d+)").matcher(s);
        u.find();
        Matcher l = Pattern.compile("Links: (\\d+)").matcher(s);
        l.find();
        Matcher t = Pattern.compile("mtime: 0x([0-9a-f]+)").matcher(s);
        t.find();
        return new Stat(m.group(2), Integer.parseInt(m.group(3), 8), Long.parseLong(u.group(1)),
                Long.parseLong(u.group(2)), Integer.parseInt(l.group(1)), Long.parseLong(t.group(1), 16),
                Long.parseLong(u.group(3)), Long.parseLong(m.group(1)));
    }

    public String cat(String path) {
        return debugfs("cat \"" + path + "\"");
    }

    /** The target of a symlink. */
    public String readlink(String path) {
        String s = debugfs("stat \"" + path + "\"");
        Matcher m = Pattern.compile("Fast link dest: \"(.*)\"").matcher(s);
        return m.find() ? m.group(1) : null;
    }

    public String label() {
        return Tool.run(null, List.of("e2label", raw.toString())).stdout().strip();
    }

    /** Throws unless e2fsck finds the filesystem clean. */
    public void fsck() {
        Tool.run(null, List.of("e2fsck", "-fn", raw.toString()));
    }
}
