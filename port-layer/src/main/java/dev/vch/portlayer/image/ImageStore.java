package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.ProgressListener;
import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.image.archive.DockerArchive;
import dev.vch.portlayer.image.archive.ImportConfig;
import dev.vch.portlayer.image.layer.LayerApplier.DevicePolicy;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.ImageConfigs;
import dev.vch.portlayer.image.store.ImageDatastore;
import dev.vch.portlayer.image.store.ImageIndex;
import dev.vch.portlayer.image.store.ImageRecord;
import dev.vch.portlayer.image.store.LayerBuilder;
import dev.vch.portlayer.image.store.LayerRecord;
import dev.vch.portlayer.image.store.LayerStore;
import dev.vch.portlayer.image.store.Reference;
import dev.vch.portlayer.image.store.ReferenceStore;
import dev.vch.portlayer.registry.Credentials;
import dev.vch.portlayer.registry.Descriptor;
import dev.vch.portlayer.registry.RegistryClient;
import dev.vch.portlayer.registry.RegistryConfig;
import dev.vch.portlayer.registry.RegistryLogins;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The port layer's image store: {@code docker load}, {@code import}, images, inspect, tag
 * and rmi over layer disks and metadata on a datastore (see docs/design/image-store.md).
 * Changes are serialised by one lock; reads go to the in-memory index, which
 * {@link #start()} rebuilds from the datastore.
 */
public final class ImageStore implements ImageService {

    private static final Logger LOG = LoggerFactory.getLogger(ImageStore.class);
    /** VIC's default --base-image-size. */
    public static final long DEFAULT_BASE_SIZE = 8L * 1024 * 1024 * 1024;

    private final LayerStore layers;
    private final ImageIndex index;
    private final ReferenceStore refs;
    private final Path workDir;
    private final ReentrantLock lock = new ReentrantLock();
    private volatile ImageUsage usage = ImageUsage.NONE;
    private volatile LayerBuilder.Timings lastTimings;
    private volatile RegistryClient registry;
    private final RegistryLogins logins = new RegistryLogins();
    /** ContainerVMs are x86-64 machines. */
    static final Descriptor.Platform PLATFORM = new Descriptor.Platform("linux", "amd64", "");

    /**
     * @param storeDir datastore directory of this store, e.g. "vch1/VIC/&lt;store id&gt;"
     * @param workDir  local directory for spooling, raw images and the disk cache
     */
    public ImageStore(ImageDatastore datastore, String storeDir, Path workDir, long baseSizeBytes) {
        this.layers = new LayerStore(datastore, storeDir, workDir, baseSizeBytes);
        this.index = new ImageIndex(datastore, storeDir);
        this.refs = new ReferenceStore(datastore, storeDir);
        this.workDir = workDir;
        this.registry = new RegistryClient(RegistryConfig.DEFAULT, workDir.resolve("blobs"));
    }

    /** How registries are reached (vic-machine's --insecure-registry, --registry-ca, --whitelist-registry). */
    public ImageStore registry(RegistryConfig config) {
        this.registry = new RegistryClient(config, workDir.resolve("blobs"));
        return this;
    }

    /** Cleans unfinished layers and images and rebuilds the index from the datastore. */
    public ImageStore start() {
        lock.lock();
        try {
            layers.start();
            LayerStore.deleteLocal(workDir.resolve("spool")); // archives of loads that died
            LayerStore.deleteLocal(workDir.resolve("blobs")); // blobs of pulls that died
            index.load(layers);
            refs.load();
            refs.retainImages(index.all().stream().map(s -> s.record().id()).collect(
                    java.util.stream.Collectors.toSet()));
            LOG.info("image store started: {} images, {} layers", index.all().size(), layers.all().size());
            return this;
        } finally {
            lock.unlock();
        }
    }

    /** The container service tells the store which images containers use. */
    public void usage(ImageUsage usage) {
        this.usage = usage;
    }

    /** Phase timings of the last load or import (benchmark figures). */
    public LayerBuilder.Timings lastTimings() {
        return lastTimings;
    }

    /** The image behind a ref: its record (for the container service). */
    public ImageRecord record(String ref) {
        return index.get(resolve(ref)).record();
    }

    /**
     * The image config exactly as stored (its sha256 is the ID): for what {@link Image}
     * does not carry, e.g. history, rootfs.diff_ids, comment, author.
     */
    public byte[] configJson(String ref) {
        return index.get(resolve(ref)).config().clone();
    }

    /**
     * The disk a containerVM's disk is a copy-on-write child of: the image's top layer, in
     * vSphere's "[datastore] path" form.
     */
    public String diskOf(String ref) {
        return layers.datastoreDisk(record(ref).topChainId());
    }

    /**
     * Loads {@code archive} unless {@code ref} is already in the store: how an appliance
     * seeds the bundled busybox image (target/busybox.tar) at first start. True if loaded.
     */
    public boolean loadIfMissing(Path archive, String ref) {
        try {
            resolve(ref);
            return false;
        } catch (PortLayerException missing) {
            try (InputStream in = Files.newInputStream(archive)) {
                load(in, null);
                return true;
            } catch (IOException e) {
                throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot read " + archive, e);
            }
        }
    }

    @Override
    public List<String> load(InputStream tarball, ProgressListener progress) {
        // spooled outside the lock: a slow client upload must not hold up tag or rmi
        try (DockerArchive archive = DockerArchive.spool(tarball, workDir.resolve("spool"))) {
            lock.lock();
            List<String> loaded = new ArrayList<>();
            for (DockerArchive.Entry e : archive.images()) {
                String id = register(e, progress);
                if (e.repoTags().isEmpty()) {
                    loaded.add(id);
                }
                for (String t : e.repoTags()) {
                    Reference ref = Reference.parse(t);
                    refs.put(ref, id);
                    loaded.add(ref.familiar());
                }
            }
            return loaded;
        } finally {
            if (lock.isHeldByCurrentThread()) {
                lock.unlock();
            }
        }
    }

    private String register(DockerArchive.Entry e, ProgressListener progress) {
        String id = ChainIds.sha256(e.config());
        if (index.get(id) != null) {
            return id;
        }
        JsonNode config = ImageConfigs.parse(e.config());
        List<String> diffIds = ImageConfigs.diffIds(config);
        if (diffIds.size() != e.layers().size()) {
            throw PortLayerException.invalid("invalid archive: image config lists " + diffIds.size()
                    + " layers but the manifest " + e.layers().size());
        }
        List<String> chain = new ArrayList<>();
        long size = 0;
        try (LayerBuilder b = layers.builder("")) {
            for (int i = 0; i < diffIds.size(); i++) {
                LayerRecord r;
                Path blob = e.layers().get(i);
                try (InputStream in = Files.newInputStream(blob)) {
                    r = b.add(in, diffIds.get(i), DevicePolicy.REJECT);
                }
                chain.add(r.chainId());
                size += r.size();
                if (progress != null) { // Docker's "Loading layer" line, by the layer's short diff id
                    long bytes = Files.size(blob);
                    progress.progress(ChainIds.hex(r.diffId()).substring(0, 12), "Loading layer", bytes, bytes);
                }
            }
            lastTimings = b.timings();
        } catch (IOException ex) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot read a spooled layer", ex);
        }
        index.add(new ImageRecord(id, chain, size, System.currentTimeMillis()), e.config());
        return id;
    }

    @Override
    public String importImage(InputStream tarball, String repository, String tag, List<String> changes,
                              ProgressListener progress) {
        return importImage(tarball, repository, tag, changes, "", progress);
    }

    /** {@code docker import} with a commit message (the config's comment). */
    public String importImage(InputStream tarball, String repository, String tag, List<String> changes,
                              String message, ProgressListener progress) {
        Reference name = repository == null || repository.isEmpty() ? null : Reference.of(repository, tag);
        ImportConfig.build("sha256:" + "0".repeat(64), changes, message, Instant.EPOCH); // changes checked up front
        Path spooled = spool(tarball); // outside the lock: a slow client upload must not hold up others
        lock.lock();
        try (LayerBuilder b = layers.builder(""); InputStream in = Files.newInputStream(spooled)) {
            LayerRecord r = b.add(in, null, DevicePolicy.REJECT);
            lastTimings = b.timings();
            byte[] config = ImportConfig.build(r.diffId(), changes, message, Instant.now());
            String id = ChainIds.sha256(config);
            index.add(new ImageRecord(id, List.of(r.chainId()), r.size(), System.currentTimeMillis()), config);
            if (name != null) {
                refs.put(name, id);
            }
            return id;
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot read the spooled import", e);
        } finally {
            lock.unlock();
            LayerStore.deleteLocal(spooled);
        }
    }

    private Path spool(InputStream in) {
        try {
            Path dir = Files.createDirectories(workDir.resolve("spool"));
            Path f = Files.createTempFile(dir, "import", ".tar");
            try (var out = Files.newOutputStream(f)) {
                in.transferTo(out);
            }
            return f;
        } catch (IOException e) {
            throw PortLayerException.invalid("Tried to read the image to import but the upload failed: " + e);
        }
    }

    @Override
    public List<Image> list(ImageFilter filter) {
        ImageFilter f = filter == null ? ImageFilter.everything() : filter;
        return index.all().stream().map(this::toImage).filter(i -> ImageFilters.matches(f, i))
                .sorted(Comparator.comparing(Image::created).reversed().thenComparing(Image::id)).toList();
    }

    @Override
    public Image inspect(String ref) {
        return toImage(index.get(resolve(ref)));
    }

    @Override
    public void tag(String ref, String repository, String tag) {
        lock.lock();
        try {
            refs.put(Reference.of(repository, tag), resolve(ref));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<Deletion> remove(String ref, boolean force, boolean noPrune) {
        lock.lock();
        try {
            return new ImageRemoval(index, refs, layers, usage).remove(ref, resolve(ref), force);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Image pull(String repository, String tagOrDigest, RegistryAuth auth, ProgressListener progress) {
        return pull(repository, tagOrDigest, null, auth, progress);
    }

    @Override
    public Image pull(String repository, String tagOrDigest, String platform, RegistryAuth auth,
                      ProgressListener progress) {
        Descriptor.Platform wanted = platform == null || platform.isEmpty() ? PLATFORM
                : Descriptor.Platform.parse(platform);
        boolean allTags = tagOrDigest != null && tagOrDigest.isEmpty();
        Reference ref = allTags ? Reference.of(repository, null)
                : tagOrDigest != null && tagOrDigest.startsWith("sha256:")
                ? Reference.parse(repository + "@" + tagOrDigest) : Reference.of(repository, tagOrDigest);
        Credentials creds = logins.forPull(ref.domain(), auth);
        ProgressListener out = progress == null ? (id, status, current, total) -> { } : progress;
        ProgressListener serial = (id, status, current, total) -> {
            synchronized (out) { // layers report from their download threads
                out.progress(id, status, current, total);
            }
        };
        var repo = registry.repository(ref, creds);
        ImagePull pull = new ImagePull(layers, index, refs, lock, serial);
        if (!allTags) {
            ImagePull.Pulled p = pull.pull(ref, repo, wanted);
            serial.progress(null, ImagePull.status(p.fresh(), ref.familiar()), 0, 0);
            return toImage(index.get(p.id()));
        }
        boolean fresh = false;
        String last = null;
        for (String tag : repo.tags()) { // docker pull --all-tags: one status line at the end, by repository
            ImagePull.Pulled p = pull.pull(new Reference(ref.domain(), ref.path(), tag, ""), repo, wanted);
            fresh |= p.fresh();
            last = p.id();
        }
        if (last == null) {
            throw PortLayerException.notFound("Tried to pull every tag of " + ref.familiarName()
                    + " but failed because the repository has no tags");
        }
        serial.progress(null, ImagePull.status(fresh, ref.familiarName()), 0, 0);
        return toImage(index.get(last));
    }

    @Override
    public LoginResult login(RegistryAuth auth) {
        if (auth == null || auth.username() == null || auth.username().isEmpty()) {
            throw new PortLayerException(PortLayerException.Kind.UNAUTHORIZED,
                    "Tried to log in but failed because no user name was given");
        }
        String domain = RegistryLogins.domainOf(auth.serverAddress());
        Credentials creds = new Credentials(auth.username(), auth.password());
        registry.checkLogin(domain, creds);
        logins.remember(domain, creds);
        return new LoginResult("Login Succeeded", "");
    }

    @Override
    public List<dev.vch.portlayer.api.ImageHistory> history(String ref) {
        ImageIndex.Stored s = index.get(resolve(ref));
        List<String> tags = refs.namesOf(s.record().id()).stream().filter(r -> !r.tag().isEmpty())
                .map(Reference::familiar).toList();
        return ImageHistories.of(s.record(), ImageConfigs.parse(s.config()), tags,
                chainId -> layers.get(chainId).map(LayerRecord::size).orElse(0L));
    }

    /** Image ID for a ref: full ID, name, or unique ID prefix; NOT_FOUND otherwise. */
    String resolve(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw PortLayerException.noSuchImage(String.valueOf(ref));
        }
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        if (hex.matches("[0-9a-f]{64}") && index.get("sha256:" + hex) != null) {
            return "sha256:" + hex;
        }
        Reference name = null;
        if (!ref.startsWith("sha256:")) {
            try {
                name = Reference.parse(ref);
                String id = refs.get(name);
                if (id != null && index.get(id) != null) {
                    return id;
                }
            } catch (PortLayerException notAName) {
                name = null;
            }
        }
        if (hex.matches("[0-9a-f]{1,64}")) {
            List<String> ids = index.byPrefix(hex);
            if (ids.size() == 1) {
                return ids.getFirst();
            }
        }
        throw PortLayerException.noSuchImage(name != null && !ref.startsWith("sha256:") ? name.familiar() : ref);
    }

    private Image toImage(ImageIndex.Stored s) {
        JsonNode config = ImageConfigs.parse(s.config());
        List<Reference> names = refs.namesOf(s.record().id());
        List<String> tags = names.stream().filter(r -> !r.tag().isEmpty()).map(Reference::familiar).toList();
        List<String> digests = names.stream().filter(r -> !r.digest().isEmpty()).map(Reference::familiar).toList();
        return new Image(s.record().id(), tags, digests, "", ImageConfigs.created(config), s.record().size(),
                config.path("os").asText("linux"), config.path("architecture").asText("amd64"),
                ImageConfigs.runConfig(config));
    }
}
