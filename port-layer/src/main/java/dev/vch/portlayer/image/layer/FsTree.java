package dev.vch.portlayer.image.layer;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * What the image filesystem holds after a layer: every path with its type, and for
 * non-directories the hard-link group (inode) it belongs to. The applier consults it to refuse writes
 * through symlinks, to replace or whiteout existing entries (recursively) and to keep link
 * counts right; it is stored next to each layer's disk so a later layer can build on it
 * without reading the ext4 image.
 */
public final class FsTree {

    /** Entry types: directory, regular file, symlink, other (fifo, device). */
    public enum Type { D, F, L, O }

    /** One path: its type and, for anything but a directory, its inode group (else 0). */
    public record Node(Type type, long group) {
    }

    private final TreeMap<String, Node> nodes = new TreeMap<>();
    private final Map<Long, Integer> links = new HashMap<>();
    private long nextGroup = 1;

    public FsTree() {
        nodes.put("", new Node(Type.D, 0));
    }

    /** An independent copy (to roll back to when a layer is rejected). */
    public FsTree copy() {
        FsTree t = new FsTree();
        t.nodes.putAll(nodes);
        t.links.putAll(links);
        t.nextGroup = nextGroup;
        return t;
    }

    public Node get(String path) {
        return nodes.get(path);
    }

    public int size() {
        return nodes.size();
    }

    /** Adds a node; a new non-directory gets a fresh group (its own inode, which hard links share). */
    public Node add(String path, Type type) {
        Node n = new Node(type, type == Type.D ? 0 : nextGroup++);
        put(path, n);
        return n;
    }

    /** Adds another name for the inode of {@code existing}; returns the new link count. */
    public int addLink(String path, Node existing) {
        put(path, existing);
        return links.getOrDefault(existing.group(), 0);
    }

    private void put(String path, Node n) {
        nodes.put(path, n);
        if (n.group() != 0) {
            links.merge(n.group(), 1, Integer::sum);
        }
    }

    /** Removes one path (not its children); returns the node's remaining link count. */
    public int remove(String path) {
        Node n = nodes.remove(path);
        if (n == null || n.group() == 0) {
            return 0;
        }
        int left = links.merge(n.group(), -1, Integer::sum);
        if (left <= 0) {
            links.remove(n.group());
        }
        return Math.max(0, left);
    }

    /** The path and everything below it, deepest first (the order to delete in). */
    public List<String> subtreeDeepestFirst(String path) {
        List<String> out = new ArrayList<>(descendants(path).descendingKeySet());
        out.add(path);
        return out;
    }

    /** Everything strictly below {@code dir}, in name order. */
    public NavigableMap<String, Node> descendants(String dir) {
        if (dir.isEmpty()) {
            return nodes.tailMap("", false);
        }
        // '0' is the character after '/', so this range is exactly "dir/..."
        return nodes.subMap(dir + "/", true, dir + "0", false);
    }

    /** Writes the tree as gzipped lines "type TAB group TAB path". */
    public void write(OutputStream out) throws IOException {
        try (BufferedWriter w = new BufferedWriter(new OutputStreamWriter(new GZIPOutputStream(out),
                StandardCharsets.UTF_8))) {
            for (var e : nodes.entrySet()) {
                w.write(e.getValue().type().name() + "\t" + e.getValue().group() + "\t" + e.getKey() + "\n");
            }
        }
    }

    /** Reads what {@link #write} wrote. */
    public static FsTree read(InputStream in) throws IOException {
        FsTree t = new FsTree();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new GZIPInputStream(in),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = r.readLine()) != null) {
                String[] f = line.split("\t", 3);
                Node n = new Node(Type.valueOf(f[0]), Long.parseLong(f[1]));
                if (!f[2].isEmpty()) {
                    t.put(f[2], n);
                }
                t.nextGroup = Math.max(t.nextGroup, n.group() + 1);
            }
        }
        return t;
    }
}
