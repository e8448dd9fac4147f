package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.LongConsumer;

/**
 * Blobs being downloaded or held in the spool directory, by digest. Concurrent pulls of the
 * same blob share one download: the first caller downloads, later ones wait and watch its
 * progress. The spooled file is deleted when the last {@link Lease} is closed, or at once if
 * the download failed (a later pull starts over).
 */
final class BlobDownloads {

    /** A downloader: fills the file, reporting bytes so far. */
    interface Download {
        void run(Path target, LongConsumer progress);
    }

    private final Path spoolDir;
    private final Map<String, Shared> blobs = new HashMap<>();

    BlobDownloads(Path spoolDir) {
        this.spoolDir = spoolDir;
    }

    /** A verified blob in the spool; close when done with it. */
    final class Lease implements SpooledBlob {
        private final String digest;
        private final Shared shared;
        private boolean closed;

        private Lease(String digest, Shared shared) {
            this.digest = digest;
            this.shared = shared;
        }

        @Override
        public Path file() {
            return shared.file;
        }

        @Override
        public void close() {
            synchronized (BlobDownloads.this) {
                if (closed) {
                    return;
                }
                closed = true;
                if (--shared.users == 0) {
                    blobs.remove(digest, shared);
                    delete(shared.file);
                }
            }
        }
    }

    private static final class Shared {
        final Path file;
        final CompletableFuture<Void> done = new CompletableFuture<>();
        final List<LongConsumer> watchers = new CopyOnWriteArrayList<>();
        int users;

        Shared(Path file) {
            this.file = file;
        }
    }

    /** The blob's file, downloading it unless another pull already is (or has). */
    Lease get(String digest, LongConsumer progress, Download download) {
        Shared s;
        boolean mine;
        synchronized (this) {
            s = blobs.get(digest);
            mine = s == null;
            if (mine) {
                s = new Shared(spoolDir.resolve(digest.replace(':', '-') + "-" + System.nanoTime()));
                blobs.put(digest, s);
            }
            s.users++;
            s.watchers.add(progress);
        }
        Lease lease = new Lease(digest, s);
        if (mine) {
            Shared shared = s;
            try {
                Files.createDirectories(spoolDir);
                download.run(shared.file, bytes -> shared.watchers.forEach(w -> w.accept(bytes)));
                shared.done.complete(null);
            } catch (IOException | RuntimeException e) {
                synchronized (this) {
                    blobs.remove(digest, shared);
                }
                delete(shared.file);
                shared.done.completeExceptionally(e);
            }
        }
        try {
            s.done.join();
            return lease;
        } catch (CompletionException e) {
            lease.close();
            throw e.getCause() instanceof PortLayerException p ? p
                    : new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to download blob " + digest
                    + " but failed because " + e.getCause(), e.getCause());
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // the spool directory is emptied at start
        }
    }
}
