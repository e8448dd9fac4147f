package dev.vch.portlayer.image.layer;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.disk.DebugfsScript;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;

/**
 * Applies one layer tar to an image filesystem: validates every entry, stages file contents
 * under a private directory, and emits the debugfs commands that make the entries (with
 * exact uid, gid, mode incl. setuid/setgid/sticky, mtime, xattrs), replace what they
 * shadow and carry out OCI whiteouts and opaque directories. Nothing is written anywhere
 * but the staging directory and the script; the image file is only touched when the whole
 * layer has been read and accepted, so a rejected layer leaves nothing behind.
 */
public final class LayerApplier {

    /** What to do with character and block device entries. */
    public enum DevicePolicy {
        /** Refuse the layer (default: issue 7 lists device nodes as bad input). */
        REJECT,
        /** Create the node in the image filesystem. */
        CREATE
    }

    /** Accepted layer: its diff_id, bytes of regular file content, entries applied. */
    public record Result(String diffId, long size, long entries) {
    }

    static final long HEADER_BUDGET = 1024 * 1024;

    private final FsTree tree;
    private final DebugfsScript script;
    private final Path staging;
    private final DevicePolicy devices;
    private final EntryMetadata metadata;
    private final DirSpace space;
    private final Set<String> unpacked = new HashSet<>();
    private long blobs;
    private long size;

    public LayerApplier(FsTree tree, DebugfsScript script, Path staging, DevicePolicy devices) {
        this.tree = tree;
        this.script = script;
        this.staging = staging;
        this.devices = devices;
        this.metadata = new EntryMetadata(script, staging);
        this.space = new DirSpace(tree, script);
    }

    /** Reads the whole (possibly compressed) layer; throws INVALID for unsafe input. */
    public Result apply(InputStream layer) {
        LayerStreams.Digesting digesting = LayerStreams.open(layer);
        HeaderBudget budget = new HeaderBudget(digesting, HEADER_BUDGET);
        long entries = 0;
        try {
            TarArchiveInputStream tar = new TarArchiveInputStream(budget, "UTF-8");
            while (true) {
                budget.startHeader();
                TarArchiveEntry e = tar.getNextEntry();
                budget.endHeader();
                if (e == null) {
                    break;
                }
                applyEntry(tar, e);
                tar.transferTo(OutputStream.nullOutputStream()); // content of non-files is ignored
                entries++;
            }
            metadata.finishDirectories();
            return new Result(digesting.finish(), size, entries);
        } catch (PortLayerException e) {
            throw e;
        } catch (IOException | IllegalArgumentException e) {
            throw PortLayerException.invalid("Tried to read a layer tar but it is malformed: " + e.getMessage());
        }
    }

    private void applyEntry(TarArchiveInputStream tar, TarArchiveEntry e) throws IOException {
        String path = LayerPath.clean(e.getName());
        if (path.isEmpty()) {
            if (!e.isDirectory()) {
                throw LayerPath.invalid("root entry that is not a directory", e.getName());
            }
            metadata.directory("", e);
            return;
        }
        String dir = LayerPath.parent(path);
        String name = LayerPath.name(path);
        if (name.startsWith(".wh.")) {
            whiteout(dir, name, e.getName());
            return;
        }
        ensureDirectory(dir, e.getName());
        script.cd(LayerPath.absolute(dir));
        if (e.isDirectory()) {
            FsTree.Node existing = tree.get(path);
            if (existing == null || existing.type() != FsTree.Type.D) {
                removeIfPresent(path);
                script.cd(LayerPath.absolute(dir));
                script.mkdir(name);
                tree.add(path, FsTree.Type.D);
                space.added(path);
            }
            metadata.directory(path, e);
        } else if (e.isLink()) {
            hardLink(path, e);
        } else if (e.isSymbolicLink()) {
            String target = e.getLinkName();
            LayerPath.checkCharacters(target, e.getName());
            if (target.isEmpty() || LayerPath.climbsAboveRoot(dir, target)) {
                throw LayerPath.invalid("symlink pointing outside the root", e.getName() + " -> " + target);
            }
            replace(path);
            script.symlink(name, target);
            tree.add(path, FsTree.Type.L);
            space.added(path);
            metadata.apply(path, e, 0120000);
        } else if (e.isFIFO()) {
            replace(path);
            script.mknod(name, 'p', 0, 0);
            tree.add(path, FsTree.Type.O);
            space.added(path);
            metadata.apply(path, e, 0010000);
        } else if (e.isCharacterDevice() || e.isBlockDevice()) {
            if (devices == DevicePolicy.REJECT) {
                throw LayerPath.invalid("device node", e.getName());
            }
            replace(path);
            script.mknod(name, e.isCharacterDevice() ? 'c' : 'b', e.getDevMajor(), e.getDevMinor());
            tree.add(path, FsTree.Type.O);
            space.added(path);
            metadata.apply(path, e, e.isCharacterDevice() ? 0020000 : 0060000);
        } else if (isRegular(e)) {
            Path blob = staging.resolve("f" + (blobs++));
            try (OutputStream out = Files.newOutputStream(blob)) {
                size += tar.transferTo(out);
            }
            replace(path);
            script.write(blob, name);
            tree.add(path, FsTree.Type.F);
            space.added(path);
            metadata.apply(path, e, 0100000);
        } else {
            throw LayerPath.invalid("unsupported entry type '" + (char) e.getLinkFlag() + "'", e.getName());
        }
        unpacked.add(path);
    }

    /** Regular files: '0', NUL (old tar), '7' (contiguous) and GNU sparse, whose holes are expanded. */
    private static boolean isRegular(TarArchiveEntry e) {
        byte f = e.getLinkFlag();
        return f == '0' || f == 0 || f == '7' || e.isSparse();
    }

    private void hardLink(String path, TarArchiveEntry e) throws IOException {
        if (e.getLinkName().startsWith("/")) {
            throw LayerPath.invalid("hard link to an absolute path", e.getName() + " -> " + e.getLinkName());
        }
        String target = LayerPath.clean(e.getLinkName());
        checkNoSymlinkAbove(LayerPath.parent(target), e.getName());
        FsTree.Node node = tree.get(target);
        if (target.isEmpty() || node == null || node.type() == FsTree.Type.D) {
            throw LayerPath.invalid("hard link to a missing file or a directory", e.getName() + " -> " + target);
        }
        if (target.equals(path)) {
            return;
        }
        replace(path);
        space.beforeLink(LayerPath.parent(path), LayerPath.name(path));
        script.cd(LayerPath.absolute(LayerPath.parent(path)));
        script.link(LayerPath.absolute(target), LayerPath.name(path));
        int count = tree.addLink(path, node);
        space.added(path);
        if (node.group() != 0) {
            script.sif(LayerPath.absolute(target), "links_count", Integer.toString(count));
        }
        unpacked.add(path);
    }

    private void whiteout(String dir, String name, String entryName) throws IOException {
        checkNoSymlinkAbove(dir, entryName);
        if (name.equals(".wh..wh..opq")) {
            FsTree.Node d = tree.get(dir);
            if (d != null && d.type() == FsTree.Type.D) {
                for (String below : tree.descendants(dir).keySet().toArray(String[]::new)) {
                    if (!unpacked.contains(below) && tree.get(below) != null) {
                        removeIfPresent(below);
                    }
                }
            }
            return;
        }
        if (name.startsWith(".wh..wh.")) {
            return; // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): not part of the image
        }
        String victim = name.substring(4);
        if (victim.isEmpty() || victim.equals(".") || victim.equals("..")) {
            throw LayerPath.invalid("whiteout of '" + victim + "'", entryName);
        }
        removeIfPresent(LayerPath.join(dir, victim));
    }

    /** Every existing component must be a directory; missing ones are made 0755 root. */
    private void ensureDirectory(String dir, String entryName) throws IOException {
        if (dir.isEmpty()) {
            return;
        }
        String at = "";
        for (String part : dir.split("/")) {
            String next = LayerPath.join(at, part);
            FsTree.Node n = tree.get(next);
            if (n == null) {
                script.cd(LayerPath.absolute(at));
                script.mkdir(part);
                tree.add(next, FsTree.Type.D);
                space.added(next);
                metadata.implicitDirectory(next);
            } else if (n.type() == FsTree.Type.L) {
                throw LayerPath.invalid("write through the symlink " + next, entryName);
            } else if (n.type() != FsTree.Type.D) {
                throw LayerPath.invalid("parent " + next + " is not a directory", entryName);
            }
            at = next;
        }
    }

    private void checkNoSymlinkAbove(String dir, String entryName) {
        String at = "";
        for (String part : dir.isEmpty() ? new String[0] : dir.split("/")) {
            at = LayerPath.join(at, part);
            FsTree.Node n = tree.get(at);
            if (n != null && n.type() == FsTree.Type.L) {
                throw LayerPath.invalid("path through the symlink " + at, entryName);
            }
        }
    }

    /** Removes what is at {@code path} before a new entry takes its name; cd's back. */
    private void replace(String path) throws IOException {
        removeIfPresent(path);
        script.cd(LayerPath.absolute(LayerPath.parent(path)));
    }

    private void removeIfPresent(String path) throws IOException {
        if (tree.get(path) == null) {
            return;
        }
        for (String p : tree.subtreeDeepestFirst(path)) {
            FsTree.Node n = tree.get(p);
            script.cd(LayerPath.absolute(LayerPath.parent(p)));
            if (n.type() == FsTree.Type.D) {
                script.rmdir(LayerPath.name(p));
            } else {
                script.rm(LayerPath.name(p));
            }
            tree.remove(p);
            space.removed(p);
        }
        metadata.forget(path);
    }
}
