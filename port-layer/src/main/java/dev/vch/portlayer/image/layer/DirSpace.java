package dev.vch.portlayer.image.layer;

import dev.vch.portlayer.image.disk.DebugfsScript;
import dev.vch.portlayer.image.disk.Ext4;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps directories that receive hard links big enough. debugfs {@code ln} fails with "No
 * free space in the directory" when the last block is full (write, mkdir and symlink grow
 * the directory themselves), so before each link this estimates the entries' bytes and
 * adds blocks with {@code expand_dir}. The estimate is conservative: it assumes each block
 * wastes room for one maximal entry and that a directory met for the first time has one
 * block; too many blocks cost 4 KiB each, too few would fail the layer.
 */
final class DirSpace {

    private static final int USABLE = Ext4.BLOCK_SIZE - 12 - entryBytes(255);

    private final FsTree tree;
    private final DebugfsScript script;
    /** dir -> {bytes of live entries, blocks ensured}. */
    private final Map<String, long[]> dirs = new HashMap<>();

    DirSpace(FsTree tree, DebugfsScript script) {
        this.tree = tree;
        this.script = script;
    }

    /** Call before linking {@code name} into {@code dir}. */
    void beforeLink(String dir, String name) throws IOException {
        long[] s = dirs.computeIfAbsent(dir, this::measure);
        long need = (s[0] + entryBytes(nameBytes(name)) + USABLE - 1) / USABLE;
        while (s[1] < need) {
            script.expandDir(LayerPath.absolute(dir));
            s[1]++;
        }
    }

    /** Call after any name is added to a directory. */
    void added(String path) {
        long[] s = dirs.get(LayerPath.parent(path));
        if (s != null) {
            s[0] += entryBytes(nameBytes(LayerPath.name(path)));
        }
    }

    /** Call after any name is removed from a directory. */
    void removed(String path) {
        long[] s = dirs.get(LayerPath.parent(path));
        if (s != null) {
            s[0] -= entryBytes(nameBytes(LayerPath.name(path)));
        }
        dirs.remove(path);
    }

    private long[] measure(String dir) {
        long bytes = 2 * 12; // "." and ".."
        for (String p : tree.descendants(dir).keySet()) {
            if (LayerPath.parent(p).equals(dir)) {
                bytes += entryBytes(nameBytes(LayerPath.name(p)));
            }
        }
        return new long[] {bytes, 1};
    }

    private static int nameBytes(String name) {
        return name.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
    }

    private static int entryBytes(int nameLen) {
        return 8 + ((nameLen + 3) & ~3);
    }
}
