package dev.vch.sim.core;

import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.SafeXml;
import dev.vch.sim.vim.VimWriter;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Persists inventory objects under {@code <state>/inventory/<id>.xml}, one file per object,
 * written atomically at the end of each call that changed it. The format is the vim25 XML of
 * the object's properties with every value typed ({@link VimWriter#persistence()}).
 */
final class StateStore {
    private static final Logger LOG = LoggerFactory.getLogger(StateStore.class);
    private final Path dir;
    private final Path stateDir;

    StateStore(Path stateDir) {
        this.stateDir = stateDir;
        this.dir = stateDir.resolve("inventory");
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("Tried to create the state directory " + dir + " but failed", e);
        }
    }

    String instanceUuid() {
        Path f = stateDir.resolve("instance-uuid");
        try {
            if (Files.exists(f)) return Files.readString(f).trim();
            String u = UUID.randomUUID().toString();
            Files.writeString(f, u);
            return u;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void save(Inventory.Changes changes) {
        VimWriter w = VimWriter.persistence();
        for (ManagedObject mo : changes.changed()) {
            StringBuilder sb = new StringBuilder(1024);
            sb.append("<object xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" type=\"")
                    .append(VimWriter.escape(mo.type())).append("\" id=\"").append(VimWriter.escape(mo.ref().value())).append("\">");
            for (Map.Entry<String, Object> e : mo.rawProperties().entrySet()) w.element(sb, e.getKey(), e.getValue(), true);
            sb.append("</object>\n");
            write(file(mo.ref()), sb.toString());
        }
        for (MoRef r : changes.removed()) {
            try {
                Files.deleteIfExists(file(r));
            } catch (IOException e) {
                LOG.warn("Tried to delete the state of {} but failed: {}", r, e.toString());
            }
        }
    }

    private Path file(MoRef r) {
        return dir.resolve(r.value().replaceAll("[^A-Za-z0-9._-]", "_") + ".xml");
    }

    private static void write(Path f, String content) {
        Path tmp = f.resolveSibling(f.getFileName() + ".tmp");
        try {
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Tried to persist " + f + " but failed", e);
        }
    }

    /** Reads the saved inventory into sim; false when there is none. */
    boolean restore(Sim sim) {
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (files.isEmpty()) return false;
        List<ManagedObject> restored = new ArrayList<>();
        for (Path f : files) {
            try (InputStream in = Files.newInputStream(f)) {
                XmlNode root = SafeXml.parse(in);
                MoRef ref = new MoRef(root.attributes().get("type"), root.attributes().get("id"));
                ManagedObject mo = MoFactory.create(sim, ref);
                for (XmlNode p : root.children()) mo.rawProperties().put(p.name(), p.value());
                sim.inventory().add(mo);
                restored.add(mo);
            } catch (IOException | RuntimeException e) {
                LOG.warn("Skipping unreadable state file {}: {}", f, e.toString());
            }
        }
        sim.inventory().drainChanges();
        for (ManagedObject mo : restored) mo.restored();
        LOG.info("Restored {} inventory objects from {}", restored.size(), dir);
        return true;
    }
}
