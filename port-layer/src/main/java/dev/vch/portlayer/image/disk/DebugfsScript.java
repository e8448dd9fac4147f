package dev.vch.portlayer.image.disk;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A {@code debugfs -w -f} command file that edits an ext4 image in place: how a layer's
 * entries become inodes with exact owners, modes and times without chown on the host (the
 * port layer need not run as root). Commands that create a name take a bare name in the
 * current directory, so every creation is preceded by {@code cd} to its absolute parent:
 * debugfs resolves a slash in those names against the cwd, not the root. Names are quoted
 * ss-style: inside double quotes, {@code ""} is one literal quote.
 */
public final class DebugfsScript implements Closeable {

    private final BufferedWriter out;
    private String cwd = null;
    private long commands;

    public DebugfsScript(Path file) throws IOException {
        this.out = Files.newBufferedWriter(file, StandardCharsets.UTF_8);
    }

    public long commands() {
        return commands;
    }

    /** Changes to an absolute directory unless already there. */
    public void cd(String absDir) throws IOException {
        if (!absDir.equals(cwd)) {
            line("cd " + q(absDir));
            cwd = absDir;
        }
    }

    public void mkdir(String name) throws IOException {
        line("mkdir " + q(name));
    }

    /** A regular file {@code name} with the content of host file {@code source}. */
    public void write(Path source, String name) throws IOException {
        line("write " + q(source.toString()) + " " + q(name));
    }

    public void symlink(String name, String target) throws IOException {
        line("symlink " + q(name) + " " + q(target));
    }

    /** A hard link {@code name} to the inode at absolute path {@code target}. */
    public void link(String absTarget, String name) throws IOException {
        line("ln " + q(absTarget) + " " + q(name));
    }

    /** {@code type} is p (fifo), c or b. */
    public void mknod(String name, char type, int major, int minor) throws IOException {
        line(type == 'p' ? "mknod " + q(name) + " p" : "mknod " + q(name) + " " + type + " " + major + " " + minor);
    }

    /** Unlinks a non-directory; the inode goes when its last link does. */
    /** Adds a block to a directory: {@code ln}, unlike the other commands, never does. */
    public void expandDir(String absDir) throws IOException {
        line("expand_dir " + q(absDir));
    }

    public void rm(String name) throws IOException {
        line("rm " + q(name));
    }

    public void rmdir(String name) throws IOException {
        line("rmdir " + q(name));
    }

    /** set_inode_field on an absolute path (the last component is not followed). */
    public void sif(String absPath, String field, String value) throws IOException {
        line("sif " + q(absPath) + " " + field + " " + value);
    }

    /** An extended attribute whose value is the content of host file {@code valueFile}. */
    public void eaSet(String absPath, String key, Path valueFile) throws IOException {
        line("ea_set -f " + q(valueFile.toString()) + " " + q(absPath) + " " + q(key));
    }

    private void line(String command) throws IOException {
        out.write(command);
        out.write('\n');
        commands++;
    }

    static String q(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
