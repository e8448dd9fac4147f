package dev.vch.portlayer.image.store;

import dev.vch.portlayer.image.disk.Ext4;
import dev.vch.portlayer.image.disk.QemuImg;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Layer disks on the datastore, VIC's layout:
 * {@code <storeDir>/images/<chain hex>/<chain hex>.vmdk}, each a copy-on-write child of its
 * parent layer's disk, the bottom one a child of {@code images/scratch/scratch.vmdk} (an
 * empty ext4 labelled containerfs). Beside each disk: {@code layer.json}, {@code fstree.gz}
 * and, written last, an empty {@code manifest}: a directory without it is a layer that
 * never finished and is deleted at start. Layers are shared by chain ID across images.
 * A local cache directory mirrors the layout, because qemu-img needs the parent chain as
 * files to create a child.
 */
public final class LayerStore {

    private static final Logger LOG = LoggerFactory.getLogger(LayerStore.class);
    public static final String SCRATCH = "scratch";
    static final String MARKER = "manifest";

    private final ImageDatastore datastore;
    private final String storeDir;
    private final Path cacheDir;
    private final long baseSizeBytes;
    private final Map<String, LayerRecord> layers = new ConcurrentHashMap<>();

    public LayerStore(ImageDatastore datastore, String storeDir, Path workDir, long baseSizeBytes) {
        this.datastore = datastore;
        this.storeDir = storeDir;
        this.cacheDir = workDir.resolve("cache");
        this.baseSizeBytes = baseSizeBytes;
    }

    /** Drops unfinished layers, makes the scratch disk if missing, reads the layer records. */
    public void start() {
        layers.clear();
        // builds and spools of a previous run that died: their layers have no marker either
        try (var leftovers = Files.list(Files.createDirectories(cacheDir))) {
            leftovers.filter(p -> p.getFileName().toString().startsWith("build")).forEach(LayerStore::deleteLocal);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        for (String name : datastore.list(dir(""))) {
            String layerDir = dir(name);
            if (!datastore.exists(layerDir + "/" + MARKER)) {
                LOG.warn("deleting unfinished layer {} (no {} marker)", name, MARKER);
                datastore.delete(layerDir);
            } else if (!name.equals(SCRATCH)) {
                LayerRecord r = Json.read(datastore.getBytes(layerDir + "/layer.json"), LayerRecord.class,
                        "layer record " + name);
                layers.put(r.chainId(), r);
            }
        }
        if (!datastore.exists(dir(SCRATCH) + "/" + MARKER)) {
            createScratch();
        }
    }

    private void createScratch() {
        try {
            Path local = localDisk(SCRATCH);
            Files.createDirectories(local.getParent());
            Path raw = cacheDir.resolve("scratch.raw");
            Ext4.createScratch(raw, baseSizeBytes);
            QemuImg.rawToVmdk(raw, local);
            Files.delete(raw);
            datastore.mkdir(dir(SCRATCH));
            datastore.put(disk(SCRATCH), local);
            datastore.putBytes(dir(SCRATCH) + "/" + MARKER, new byte[0]);
            LOG.info("created scratch disk {} ({} bytes, label {})", disk(SCRATCH), baseSizeBytes, Ext4.LABEL);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Optional<LayerRecord> get(String chainId) {
        return Optional.ofNullable(layers.get(chainId));
    }

    public java.util.Collection<LayerRecord> all() {
        return layers.values();
    }

    /** A new builder stacking layers on {@code parentChainId} ("" = on scratch). */
    public LayerBuilder builder(String parentChainId) {
        return new LayerBuilder(this, parentChainId);
    }

    /** Deletes a layer's directory (disk and records). The caller knows nothing uses it. */
    public void delete(String chainId) {
        layers.remove(chainId);
        String hex = ChainIds.hex(chainId);
        datastore.delete(dir(hex) + "/" + MARKER); // unmarked first: a crash mid-delete leaves an ignored dir
        datastore.delete(dir(hex));
        deleteLocal(cacheDir.resolve("images").resolve(hex));
    }

    /** Datastore directory of a layer ("scratch" or chain hex). */
    public String dir(String name) {
        return name.isEmpty() ? storeDir + "/images" : storeDir + "/images/" + name;
    }

    /** Datastore path of a layer's disk. */
    public String disk(String name) {
        return dir(name) + "/" + name + ".vmdk";
    }

    /** The datastore path of the disk holding a layer stack, in vSphere's "[ds] path" form. */
    public String datastoreDisk(String chainId) {
        return datastore.datastorePath(disk(chainId.isEmpty() ? SCRATCH : ChainIds.hex(chainId)));
    }

    ImageDatastore datastore() {
        return datastore;
    }

    Path cacheDir() {
        return cacheDir;
    }

    Path localDisk(String name) {
        return cacheDir.resolve("images").resolve(name).resolve(name + ".vmdk");
    }

    /** Makes sure the disk of {@code name} and all its parents are in the local cache. */
    Path fetchChain(String chainId) {
        String name = chainId.isEmpty() ? SCRATCH : ChainIds.hex(chainId);
        Path local = localDisk(name);
        if (!Files.exists(local)) {
            try {
                Files.createDirectories(local.getParent());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path part = local.resolveSibling(local.getFileName() + ".part");
            datastore.get(disk(name), part);
            try {
                Files.move(part, local);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (!chainId.isEmpty()) {
            fetchChain(layers.get(chainId).parent());
        }
        return local;
    }

    void register(LayerRecord r) {
        layers.put(r.chainId(), r);
    }

    /** Deletes a local file or tree, logging (not failing) when it cannot. */
    public static void deleteLocal(Path p) {
        if (!Files.exists(p)) {
            return;
        }
        try (var s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(q);
            }
        } catch (IOException e) {
            LOG.warn("could not delete {}: {}", p, e.toString());
        }
    }
}
