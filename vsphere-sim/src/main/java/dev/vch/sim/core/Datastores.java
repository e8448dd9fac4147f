package dev.vch.sim.core;

import dev.vch.sim.mo.Datastore;
import dev.vch.sim.vim.VimFault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Datastores are directories under {@code <state>/datastores/<name>}. Every datastore path a
 * client gives ({@code [ds] dir/file}, or a /folder URL) is resolved here and must stay inside
 * its datastore: no "..", no absolute paths, no escape through a symlink.
 */
public final class Datastores {
    private static final Pattern DS_PATH = Pattern.compile("^\\[([^\\]]+)\\]\\s*(.*)$", Pattern.DOTALL);
    private final Sim sim;
    private final Path root;

    Datastores(Sim sim, Path root) {
        this.sim = sim;
        this.root = root;
    }

    public Path root() {
        return root;
    }

    public Path directoryOf(String dsName) {
        return root.resolve(dsName);
    }

    /** A datastore path split into its datastore name and relative path. */
    public record DsPath(String datastore, String path) {
        @Override
        public String toString() {
            return "[" + datastore + "]" + (path.isEmpty() ? "" : " " + path);
        }
    }

    public static DsPath parse(String dsPath) {
        if (dsPath == null) throw VimFault.invalidDatastorePath("");
        Matcher m = DS_PATH.matcher(dsPath.trim());
        if (!m.matches()) throw VimFault.invalidDatastorePath(dsPath);
        return new DsPath(m.group(1).trim(), m.group(2).trim());
    }

    public Datastore datastore(String name) {
        for (Datastore d : sim.inventory().all(Datastore.class)) {
            if (d.name().equals(name)) return d;
        }
        return null;
    }

    /** The file a datastore path names; InvalidDatastorePath when it leaves the datastore or names no datastore. */
    public Path resolve(String dsPath) {
        DsPath p = parse(dsPath);
        Datastore ds = datastore(p.datastore());
        if (ds == null) throw VimFault.invalidDatastorePath(dsPath);
        return resolveIn(ds, p.path(), dsPath);
    }

    public Path resolveIn(Datastore ds, String relative, String shownAs) {
        Path base = directoryOf(ds.name()).toAbsolutePath().normalize();
        String rel = relative.replace('\\', '/');
        while (rel.startsWith("/")) rel = rel.substring(1);
        for (String seg : rel.split("/")) {
            if (seg.equals("..") || seg.indexOf('\0') >= 0) throw VimFault.invalidDatastorePath(shownAs);
        }
        Path p = base.resolve(rel).normalize();
        if (!p.startsWith(base)) throw VimFault.invalidDatastorePath(shownAs);
        try {
            Path realBase = base.toRealPath();
            Path existing = p;
            while (existing != null && !Files.exists(existing)) existing = existing.getParent();
            if (existing != null && !existing.toRealPath().startsWith(realBase)) throw VimFault.invalidDatastorePath(shownAs);
        } catch (IOException e) {
            throw VimFault.invalidDatastorePath(shownAs);
        }
        return p;
    }

    /** The datastore path of a file inside datastore {@code ds}. */
    public String dsPath(Datastore ds, Path file) {
        Path base = directoryOf(ds.name()).toAbsolutePath().normalize();
        String rel = base.relativize(file.toAbsolutePath().normalize()).toString().replace('\\', '/');
        return "[" + ds.name() + "]" + (rel.isEmpty() ? "" : " " + rel);
    }
}
