package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What an ISO boots, and the files a VM needs from it, extracted once with xorriso into a cache
 * keyed by the ISO's path, size and mtime (a rebuilt ISO gets a new entry). Every entry is built
 * in a temporary directory and renamed into place, so concurrent power-ons (even from two
 * simulator processes) never see half an extraction.
 */
final class IsoCache {

    /** What the ISO asks for: a host process, a direct kernel boot, or a plain BIOS/isolinux boot. */
    sealed interface IsoBoot {
    }

    record HostProcess(Path root, String exec) implements IsoBoot {
    }

    record DirectBoot(Path kernel, List<Path> initrds, String append) implements IsoBoot {
    }

    record BiosBoot() implements IsoBoot {
    }

    private static final String HOST_PROCESS_FILE = "/host-process.properties";
    private static final String ISOLINUX_CFG = "/isolinux/isolinux.cfg";

    private final Path cacheDir;
    private final ConcurrentHashMap<String, IsoBoot> known = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Object> locks = new ConcurrentHashMap<>();

    IsoCache(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    IsoBoot inspect(Path iso) throws IOException {
        String key = key(iso);
        IsoBoot boot = known.get(key);
        if (boot != null) {
            return boot;
        }
        synchronized (locks.computeIfAbsent(key, k -> new Object())) {
            boot = known.get(key);
            if (boot == null) {
                boot = load(iso, key);
                known.put(key, boot);
            }
            return boot;
        }
    }

    private IsoBoot load(Path iso, String key) throws IOException {
        Path probe = entry(key, "probe", tmp -> Xorriso.extract(iso, tmp, List.of(
                new Xorriso.Item(HOST_PROCESS_FILE, "host-process.properties"),
                new Xorriso.Item(ISOLINUX_CFG, "isolinux.cfg"))));
        Path props = probe.resolve("host-process.properties");
        if (Files.isRegularFile(props)) {
            Properties p = new Properties();
            try (var r = Files.newBufferedReader(props, StandardCharsets.UTF_8)) {
                p.load(r);
            }
            String exec = p.getProperty("exec", "").strip();
            if (exec.isEmpty() || exec.startsWith("/") || exec.contains("..")) {
                throw new VmRuntimeException(VmRuntimeException.Kind.INVALID, "ISO " + iso + ": "
                        + HOST_PROCESS_FILE + " needs exec=<path relative to the ISO root>, found '" + exec + "'");
            }
            Path root = entry(key, "root", tmp -> Xorriso.extract(iso, tmp, List.of(new Xorriso.Item("/", "iso"))));
            return new HostProcess(root.resolve("iso"), exec);
        }
        Path cfg = probe.resolve("isolinux.cfg");
        if (!Files.isRegularFile(cfg)) {
            return new BiosBoot();
        }
        Optional<IsolinuxConfig.BootEntry> entry = IsolinuxConfig.defaultEntry(
                Files.readString(cfg, StandardCharsets.UTF_8), "/isolinux");
        if (entry.isEmpty()) {
            return new BiosBoot();
        }
        IsolinuxConfig.BootEntry e = entry.get();
        List<Xorriso.Item> items = new ArrayList<>();
        items.add(new Xorriso.Item(e.kernel(), "kernel"));
        items.add(new Xorriso.Item(e.kernel() + ".pvh", "kernel.pvh"));
        for (int i = 0; i < e.initrds().size(); i++) {
            items.add(new Xorriso.Item(e.initrds().get(i), "initrd-" + i));
        }
        Path boot = entry(key, "boot", tmp -> Xorriso.extract(iso, tmp, items));
        Path kernel = Files.isRegularFile(boot.resolve("kernel.pvh")) ? boot.resolve("kernel.pvh") : boot.resolve("kernel");
        if (!Files.isRegularFile(kernel)) {
            throw new VmRuntimeException(VmRuntimeException.Kind.INVALID,
                    "ISO " + iso + ": the default isolinux entry names kernel " + e.kernel() + ", which the ISO does not have");
        }
        List<Path> initrds = new ArrayList<>();
        for (int i = 0; i < e.initrds().size(); i++) {
            Path p = boot.resolve("initrd-" + i);
            if (!Files.isRegularFile(p)) {
                throw new VmRuntimeException(VmRuntimeException.Kind.INVALID,
                        "ISO " + iso + ": the default isolinux entry names initrd " + e.initrds().get(i) + ", which the ISO does not have");
            }
            initrds.add(p);
        }
        if (initrds.size() > 1) {
            // qemu takes one -initrd file; the kernel accepts concatenated cpio archives
            List<Path> parts = List.copyOf(initrds);
            Path joined = entry(key, "initrd-joined", tmp -> {
                try (var out = Files.newOutputStream(tmp.resolve("initrd"))) {
                    for (Path p : parts) Files.copy(p, out);
                }
            });
            initrds = List.of(joined.resolve("initrd"));
        }
        return new DirectBoot(kernel, List.copyOf(initrds), e.append());
    }

    interface Filler {
        void fill(Path tmp) throws IOException;
    }

    /** cacheDir/key/name, built by {@code filler} in a temporary directory first if not there yet. */
    private Path entry(String key, String name, Filler filler) throws IOException {
        Path done = cacheDir.resolve(key).resolve(name);
        if (Files.isDirectory(done)) {
            return done;
        }
        Files.createDirectories(done.getParent());
        Path tmp = Files.createTempDirectory(done.getParent(), name + ".tmp");
        filler.fill(tmp);
        try {
            Files.move(tmp, done, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
            FileTrees.deleteQuietly(tmp); // another process finished first
        }
        return done;
    }

    static String key(Path iso) throws IOException {
        Path real;
        try {
            real = iso.toRealPath();
        } catch (IOException e) {
            throw new IOException("Tried to read ISO " + iso + " but it does not exist: " + e.getMessage(), e);
        }
        BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(real.toString().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8) + "-" + a.size() + "-" + a.lastModifiedTime().toMillis();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
