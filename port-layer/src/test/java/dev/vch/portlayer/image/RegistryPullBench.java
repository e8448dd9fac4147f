package dev.vch.portlayer.image;

import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import dev.vch.portlayer.image.store.Reference;
import dev.vch.portlayer.registry.Credentials;
import dev.vch.portlayer.registry.Descriptor;
import dev.vch.portlayer.registry.ImageManifest;
import dev.vch.portlayer.registry.RegistryClient;
import dev.vch.portlayer.registry.RegistryConfig;
import dev.vch.portlayer.registry.RegistryRepository;
import dev.vch.portlayer.registry.SpooledBlob;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Benchmark (docs/benchmarks-registry.md, run by port-layer/bench/pull.sh), in two roles:
 * {@code serve WORK MIB} starts docker-registry, pushes a generated 5-layer image
 * ({@code bench:1}, layers as in ImageStoreBench, gzipped), prints "READY domain" and waits;
 * {@code pull WORK DOMAIN} pulls it into a fresh store and prints the time to the last
 * "Download complete" and to "Pull complete", the peak heap and the peak RSS of this JVM.
 */
public final class RegistryPullBench {

    public static void main(String[] args) throws Exception {
        Path work = Path.of(args[1]);
        if (args[0].equals("serve")) {
            serve(work, Integer.parseInt(args[2]));
        } else {
            pull(work, args[2]);
        }
    }

    static void serve(Path work, int mib) throws Exception {
        LocalRegistry registry = LocalRegistry.start(work.resolve("registry"), LocalRegistry.Mode.PLAIN);
        Runtime.getRuntime().addShutdownHook(new Thread(registry::close));
        List<byte[]> tars = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            tars.add(Files.readAllBytes(ImageStoreBench.layer(work.resolve("layer" + i + ".tar"), i, mib)));
        }
        RegistryImage img = RegistryImage.of(tars, "bench", RegistryImage.DOCKER);
        registry.push("bench", "1", img);
        long bytes = img.blobs().stream().mapToLong(b -> b.length).sum();
        System.out.printf("image: %.1f MB compressed in 5 layers, id %s%n", bytes / 1e6, img.id());
        System.out.println("READY " + registry.domain());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE); // until the script kills this process
    }

    static void pull(Path work, String domain) throws Exception {
        Path dir = Files.createTempDirectory(work, "pull");
        ImageStore store = new ImageStore(new LocalDirDatastore(dir.resolve("ds"), "datastore1"), "vch/VIC/bench",
                dir.resolve("work"), ImageStore.DEFAULT_BASE_SIZE).start().registry(RegistryConfig.DEFAULT);
        fetchOnly(dir.resolve("fetch"), domain);
        ImageStoreBench.resetPeaks();
        AtomicLong downloaded = new AtomicLong();
        long t0 = System.nanoTime();
        store.pull(domain + "/bench", "1", RegistryAuth.ANONYMOUS, (id, status, cur, total) -> {
            if (status.equals("Download complete")) {
                downloaded.set(System.nanoTime());
            }
        });
        long t1 = System.nanoTime();
        System.out.printf("pull: all layers downloaded and verified %.2f s, \"Pull complete\" of the last layer"
                + " %.2f s; peak heap %.1f MiB; peak RSS %.1f MiB%n", (downloaded.get() - t0) / 1e9, (t1 - t0) / 1e9,
                ImageStoreBench.peakHeap() / 1048576.0, peakRssKib() / 1024.0);
    }

    /** The registry client alone: manifest, config and the 5 layers to spool files, in parallel (like skopeo). */
    static void fetchOnly(Path spool, String domain) throws Exception {
        RegistryClient client = new RegistryClient(RegistryConfig.DEFAULT, spool);
        long t0 = System.nanoTime();
        RegistryRepository repo = client.repository(Reference.parse(domain + "/bench:1"), Credentials.ANONYMOUS);
        ImageManifest m = repo.manifest("1", ImageStore.PLATFORM);
        repo.config(m.config());
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<SpooledBlob>> blobs = new ArrayList<>();
            for (Descriptor d : m.layers()) {
                blobs.add(pool.submit(() -> repo.blob(d, bytes -> { })));
            }
            for (Future<SpooledBlob> f : blobs) {
                f.get().close();
            }
        }
        System.out.printf("fetch: registry client alone (manifest, config, 5 layers in parallel, verified) %.2f s%n",
                (System.nanoTime() - t0) / 1e9);
    }

    /** VmHWM of this process. */
    static long peakRssKib() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        return -1;
    }
}
