package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.ProgressListener;
import dev.vch.portlayer.image.layer.LayerApplier.DevicePolicy;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.ImageConfigs;
import dev.vch.portlayer.image.store.ImageIndex;
import dev.vch.portlayer.image.store.ImageRecord;
import dev.vch.portlayer.image.store.LayerBuilder;
import dev.vch.portlayer.image.store.LayerRecord;
import dev.vch.portlayer.image.store.LayerStore;
import dev.vch.portlayer.image.store.Reference;
import dev.vch.portlayer.image.store.ReferenceStore;
import dev.vch.portlayer.registry.Descriptor;
import dev.vch.portlayer.registry.ImageManifest;
import dev.vch.portlayer.registry.RegistryRepository;
import dev.vch.portlayer.registry.SpooledBlob;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One {@code docker pull}: manifest, config, layers downloaded in parallel (three at a time,
 * Docker's default) and applied in order as each arrives, with Docker's progress messages.
 * Layers this pull built are deleted again if it fails, so nothing is left half registered.
 */
final class ImagePull {

    /** Docker's --max-concurrent-downloads default. */
    static final int PARALLEL_DOWNLOADS = 3;

    private final LayerStore layers;
    private final ImageIndex index;
    private final ReferenceStore refs;
    private final ReentrantLock lock;
    private final ProgressListener progress;

    ImagePull(LayerStore layers, ImageIndex index, ReferenceStore refs, ReentrantLock lock, ProgressListener progress) {
        this.layers = layers;
        this.index = index;
        this.refs = refs;
        this.lock = lock;
        this.progress = progress;
    }

    /** What a pull did: the image, and whether it was new to the store. */
    record Pulled(String id, boolean fresh) {
    }

    /** Docker's closing line of a pull. */
    static String status(boolean fresh, String name) {
        return "Status: " + (fresh ? "Downloaded newer image for " : "Image is up to date for ") + name;
    }

    /**
     * Pulls {@code ref} (a tag or a digest) from {@code repo}, up to the "Digest:" line (the
     * caller writes the Status line: one per tag, or one for --all-tags).
     */
    Pulled pull(Reference ref, RegistryRepository repo, Descriptor.Platform platform) {
        String tagOrDigest = ref.digest().isEmpty() ? ref.tag() : ref.digest();
        ImageManifest manifest = repo.manifest(tagOrDigest, platform);
        progress.progress(tagOrDigest, "Pulling from " + ref.path(), 0, 0);
        byte[] config = repo.config(manifest.config());
        String id = ChainIds.sha256(config);
        JsonNode json = ImageConfigs.parse(config);
        checkPlatform(json);
        List<String> diffIds = ImageConfigs.diffIds(json);
        if (diffIds.size() != manifest.layers().size()) {
            throw PortLayerException.invalid("Tried to pull " + ref.familiar() + " but failed because its config lists "
                    + diffIds.size() + " layers and its manifest " + manifest.layers().size());
        }
        boolean fresh = index.get(id) == null;
        if (fresh) {
            fetchAndBuild(repo, manifest, diffIds, config, id);
        }
        lock.lock();
        try {
            if (index.get(id) == null) {
                throw PortLayerException.conflict("Tried to pull " + ref.familiar()
                        + " but failed because the image was removed while it was pulled");
            }
            if (!ref.tag().isEmpty()) {
                refs.put(ref, id);
            }
            refs.put(new Reference(ref.domain(), ref.path(), "", manifest.digest()), id);
        } finally {
            lock.unlock();
        }
        progress.progress(null, "Digest: " + manifest.digest(), 0, 0);
        return new Pulled(id, fresh);
    }

    private static void checkPlatform(JsonNode config) {
        String os = config.path("os").asText("linux");
        if (!os.equals("linux")) {
            throw PortLayerException.invalid("image operating system \"" + os + "\" cannot be used on this platform");
        }
    }

    private void fetchAndBuild(RegistryRepository repo, ImageManifest manifest, List<String> diffIds, byte[] config,
                               String id) {
        List<Descriptor> blobs = manifest.layers();
        List<String> chain = new ArrayList<>();
        String top = "";
        for (String diffId : diffIds) {
            top = ChainIds.next(top, diffId);
            chain.add(top);
        }
        Semaphore slots = new Semaphore(PARALLEL_DOWNLOADS);
        List<Future<SpooledBlob>> downloads = new ArrayList<>();
        List<SpooledBlob> opened = new java.util.concurrent.CopyOnWriteArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < blobs.size(); i++) {
                Descriptor d = blobs.get(i);
                if (layers.get(chain.get(i)).isPresent()) {
                    progress.progress(d.shortId(), "Already exists", 0, 0);
                    downloads.add(null);
                } else {
                    progress.progress(d.shortId(), "Pulling fs layer", 0, 0);
                    downloads.add(pool.submit(() -> download(repo, d, slots, opened)));
                }
            }
            try {
                build(blobs, diffIds, downloads, config, id);
            } finally {
                downloads.forEach(f -> {
                    if (f != null) {
                        f.cancel(true); // after a failure: stop the others
                    }
                });
            }
        } finally {
            opened.forEach(SpooledBlob::close); // the pool has waited for every download by now
        }
    }

    private SpooledBlob download(RegistryRepository repo, Descriptor d, Semaphore slots, List<SpooledBlob> opened)
            throws InterruptedException {
        slots.acquire();
        try {
            Throttle t = new Throttle(d.size());
            SpooledBlob blob = repo.blob(d, bytes -> {
                if (t.due(bytes)) {
                    progress.progress(d.shortId(), "Downloading", bytes, d.size());
                }
            });
            opened.add(blob);
            progress.progress(d.shortId(), "Verifying Checksum", 0, 0);
            progress.progress(d.shortId(), "Download complete", 0, 0);
            return blob;
        } finally {
            slots.release();
        }
    }

    private void build(List<Descriptor> blobs, List<String> diffIds, List<Future<SpooledBlob>> downloads,
                       byte[] config, String id) {
        List<String> built = new ArrayList<>();
        List<String> chain = new ArrayList<>();
        long size = 0;
        lock.lock();
        try (LayerBuilder b = layers.builder("")) {
            for (int i = 0; i < blobs.size(); i++) {
                Descriptor d = blobs.get(i);
                boolean known = layers.get(ChainIds.next(b.top(), diffIds.get(i))).isPresent();
                LayerRecord r;
                if (downloads.get(i) == null || known) {
                    r = b.add(InputStream.nullInputStream(), diffIds.get(i), DevicePolicy.REJECT);
                } else {
                    r = extract(b, d, await(downloads.get(i)), diffIds.get(i));
                    built.add(r.chainId());
                    progress.progress(d.shortId(), "Pull complete", 0, 0);
                }
                chain.add(r.chainId());
                size += r.size();
            }
            index.add(new ImageRecord(id, chain, size, System.currentTimeMillis()), config);
        } catch (RuntimeException e) {
            dropUnused(built);
            throw e;
        } finally {
            lock.unlock();
        }
    }

    private LayerRecord extract(LayerBuilder b, Descriptor d, SpooledBlob blob, String diffId) {
        Throttle t = new Throttle(d.size());
        try (InputStream in = new CountingStream(Files.newInputStream(blob.file()), bytes -> {
            if (t.due(bytes)) {
                progress.progress(d.shortId(), "Extracting", bytes, d.size());
            }
        })) {
            return b.add(in, diffId, DevicePolicy.REJECT);
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to read the downloaded layer "
                    + d.digest() + " but failed because " + e, e);
        }
    }

    /** Deletes layers this pull built that no image stands on (the pull failed). */
    private void dropUnused(List<String> built) {
        Set<String> inUse = new HashSet<>();
        index.all().forEach(s -> inUse.addAll(s.record().chainIds()));
        for (String chainId : built.reversed()) {
            if (!inUse.contains(chainId)) {
                layers.delete(chainId);
            }
        }
    }

    private static SpooledBlob await(Future<SpooledBlob> f) {
        try {
            return f.get();
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException r ? r
                    : new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to download a layer but failed"
                    + " because " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "interrupted while pulling", e);
        }
    }

    /** Says when a progress line is due: every 1% (at least 64 KiB) and at the end. */
    private static final class Throttle {
        private final long step;
        private final long total;
        private long last = -1;

        Throttle(long total) {
            this.total = total;
            this.step = Math.max(total / 100, 64 * 1024);
        }

        synchronized boolean due(long bytes) {
            if (bytes == total || last < 0 || bytes - last >= step) {
                last = bytes;
                return true;
            }
            return false;
        }
    }
}
