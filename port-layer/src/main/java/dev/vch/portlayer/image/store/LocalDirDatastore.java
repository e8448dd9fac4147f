package dev.vch.portlayer.image.store;

import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/** An {@link ImageDatastore} on a local directory: for tests and a single-host store. */
public final class LocalDirDatastore implements ImageDatastore {

    private final Path root;
    private final String name;

    public LocalDirDatastore(Path root, String name) {
        this.root = root.toAbsolutePath().normalize();
        this.name = name;
        try {
            Files.createDirectories(this.root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Where a datastore path lives on the local disk. */
    public Path resolve(String path) {
        Path p = root.resolve(path).normalize();
        if (!p.startsWith(root)) {
            throw PortLayerException.invalid("datastore path outside the datastore: " + path);
        }
        return p;
    }

    @Override
    public void put(String path, Path source) {
        Path target = resolve(path);
        io(() -> {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.copy(source, tmp, StandardCopyOption.REPLACE_EXISTING);
            move(tmp, target);
        }, path);
    }

    @Override
    public void putBytes(String path, byte[] data) {
        Path target = resolve(path);
        io(() -> {
            Files.createDirectories(target.getParent());
            Path tmp = target.resolveSibling(target.getFileName() + ".part");
            Files.write(tmp, data);
            move(tmp, target);
        }, path);
    }

    private static void move(Path tmp, Path target) throws IOException {
        try {
            Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void get(String path, Path target) {
        io(() -> Files.copy(resolve(path), target, StandardCopyOption.REPLACE_EXISTING), path);
    }

    @Override
    public byte[] getBytes(String path) {
        byte[][] out = new byte[1][];
        io(() -> out[0] = Files.readAllBytes(resolve(path)), path);
        return out[0];
    }

    @Override
    public boolean exists(String path) {
        return Files.exists(resolve(path));
    }

    @Override
    public List<String> list(String dir) {
        Path d = resolve(dir);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(d)) {
            io(() -> {
                try (Stream<Path> s = Files.list(d)) {
                    s.forEach(p -> names.add(p.getFileName().toString()));
                }
            }, dir);
        }
        names.sort(null);
        return names;
    }

    @Override
    public void mkdir(String dir) {
        io(() -> Files.createDirectories(resolve(dir)), dir);
    }

    @Override
    public void delete(String path) {
        Path p = resolve(path);
        if (p.equals(root)) {
            throw PortLayerException.invalid("refusing to delete the datastore root");
        }
        io(() -> {
            if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                return;
            }
            try (Stream<Path> s = Files.walk(p)) {
                for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(q);
                }
            }
        }, path);
    }

    @Override
    public String datastorePath(String path) {
        return "[" + name + "] " + path;
    }

    private interface IoAction {
        void run() throws IOException;
    }

    private static void io(IoAction a, String path) {
        try {
            a.run();
        } catch (NoSuchFileException e) {
            throw PortLayerException.notFound("Tried to read datastore file " + path + " but it does not exist");
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to access datastore file " + path + " but failed because " + e, e);
        }
    }
}
