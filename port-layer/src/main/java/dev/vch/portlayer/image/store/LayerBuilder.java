package dev.vch.portlayer.image.store;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.disk.DebugfsScript;
import dev.vch.portlayer.image.disk.DiskDelta;
import dev.vch.portlayer.image.disk.Ext4;
import dev.vch.portlayer.image.disk.QemuImg;
import dev.vch.portlayer.image.disk.Tool;
import dev.vch.portlayer.image.layer.FsTree;
import dev.vch.portlayer.image.layer.LayerApplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Stacks layers one after another for one load or import. It keeps the raw ext4 image of
 * the current top in a work directory and edits it in place with debugfs, layer by layer;
 * each layer's disk is the grain-level difference against a snapshot of the raw taken
 * before the layer, written as a child of the parent's disk. A layer already in the store
 * (same chain ID) is not read or built again. Not thread safe: one builder per load.
 */
public final class LayerBuilder implements Closeable {

    private static final Logger LOG = LoggerFactory.getLogger(LayerBuilder.class);

    /** Time spent per phase, for the benchmark. */
    public record Timings(long extractNanos, long fsNanos, long diskNanos, long compareNanos, long uploadNanos) {
    }

    private final LayerStore store;
    private final Path work;
    private String top;
    private Path raw;
    private FsTree tree;
    private long extractNanos;
    private long fsNanos;
    private long diskNanos;
    private long uploadNanos;
    private long compareNanos;

    LayerBuilder(LayerStore store, String parentChainId) {
        this.store = store;
        this.top = parentChainId;
        try {
            Files.createDirectories(store.cacheDir());
            this.work = Files.createTempDirectory(store.cacheDir(), "build");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String top() {
        return top;
    }

    public Timings timings() {
        return new Timings(extractNanos, fsNanos, diskNanos, compareNanos, uploadNanos);
    }

    /**
     * Adds one layer blob on the current top. {@code expectedDiffId} (from an image config)
     * lets a known layer be skipped unread, and is checked against the blob otherwise; null
     * for an import, whose diff_id is whatever the tar hashes to.
     */
    public LayerRecord add(InputStream blob, String expectedDiffId, LayerApplier.DevicePolicy devices) {
        if (expectedDiffId != null) {
            var known = store.get(ChainIds.next(top, expectedDiffId));
            if (known.isPresent()) {
                return moveTo(known.get());
            }
        }
        try {
            materialize();
            Path staging = Files.createDirectories(work.resolve("staging"));
            Path script = work.resolve("layer.debugfs");
            long t0 = System.nanoTime();
            LayerApplier.Result result;
            FsTree before = tree.copy();
            try (DebugfsScript s = new DebugfsScript(script)) {
                result = new LayerApplier(tree, s, staging, devices).apply(blob);
            } catch (RuntimeException e) {
                tree = before; // the raw image is untouched: nothing ran yet
                throw e;
            }
            extractNanos += System.nanoTime() - t0;
            if (expectedDiffId != null && !expectedDiffId.equals(result.diffId())) {
                tree = before;
                throw PortLayerException.invalid("Tried to load a layer but its content does not match the image "
                        + "config: diff_id " + result.diffId() + ", expected " + expectedDiffId);
            }
            String chainId = ChainIds.next(top, result.diffId());
            var known = store.get(chainId);
            if (known.isPresent()) {
                tree = before;
                return moveTo(known.get());
            }
            LayerRecord record = new LayerRecord(chainId, result.diffId(), top, result.size());
            build(record, script);
            LayerStore.deleteLocal(staging);
            return record;
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to build a layer disk but failed because " + e, e);
        }
    }

    private LayerRecord moveTo(LayerRecord r) {
        top = r.chainId();
        invalidate();
        return r;
    }

    private void build(LayerRecord record, Path script) throws IOException {
        String hex = ChainIds.hex(record.chainId());
        String parentName = top.isEmpty() ? LayerStore.SCRATCH : ChainIds.hex(top);
        Path before = work.resolve("parent.raw");
        long t0 = System.nanoTime();
        Tool.run(null, List.of("cp", "--sparse=always", raw.toString(), before.toString()));
        try {
            Ext4.apply(raw, script);
        } catch (RuntimeException e) {
            invalidate(); // the raw may be half edited
            throw e;
        }
        long t1 = System.nanoTime();
        Path local = store.localDisk(hex);
        var stats = DiskDelta.writeChild(before, raw, local, "../" + parentName + "/" + parentName + ".vmdk", work);
        Files.delete(before);
        long t2 = System.nanoTime();
        upload(record, hex, local);
        long t3 = System.nanoTime();
        fsNanos += t1 - t0;
        diskNanos += t2 - t1;
        uploadNanos += t3 - t2;
        compareNanos += stats.compareNanos();
        LOG.info("layer {} built: {} entries in tree, {} bytes changed in {} runs", hex.substring(0, 12),
                tree.size(), stats.changedBytes(), stats.runs());
        store.register(record);
        top = record.chainId();
    }

    private void upload(LayerRecord record, String hex, Path local) throws IOException {
        ImageDatastore ds = store.datastore();
        String dir = store.dir(hex);
        try {
            ds.mkdir(dir);
            ds.put(store.disk(hex), local);
            ds.putBytes(dir + "/layer.json", Json.write(record));
            ByteArrayOutputStream treeBytes = new ByteArrayOutputStream();
            tree.write(treeBytes);
            ds.putBytes(dir + "/fstree.gz", treeBytes.toByteArray());
            ds.putBytes(dir + "/" + LayerStore.MARKER, new byte[0]);
        } catch (RuntimeException e) {
            ds.delete(dir);
            LayerStore.deleteLocal(local.getParent());
            invalidate();
            throw e;
        }
    }

    /** Makes the raw image and tree of the current top, from the store when not in hand. */
    private void materialize() throws IOException {
        if (raw != null) {
            return;
        }
        Path r = work.resolve("top.raw");
        Files.deleteIfExists(r);
        QemuImg.toRaw(store.fetchChain(top), r);
        if (top.isEmpty()) {
            tree = new FsTree();
            tree.add("lost+found", FsTree.Type.D);
        } else {
            byte[] t = store.datastore().getBytes(store.dir(ChainIds.hex(top)) + "/fstree.gz");
            tree = FsTree.read(new ByteArrayInputStream(t));
        }
        raw = r;
    }

    private void invalidate() {
        if (raw != null) {
            try {
                Files.deleteIfExists(raw);
            } catch (IOException ignored) {
                // a leftover in the work dir goes with close()
            }
        }
        raw = null;
        tree = null;
    }

    @Override
    public void close() {
        invalidate();
        LayerStore.deleteLocal(work);
    }

}
