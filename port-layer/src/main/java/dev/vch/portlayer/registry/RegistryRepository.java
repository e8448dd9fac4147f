package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;

import java.io.IOException;
import java.nio.file.Files;
import java.util.function.LongConsumer;

/** One repository of one registry, as one user sees it: manifests, the config and layer blobs. */
public final class RegistryRepository {

    private final RegistrySession session;
    private final String familiarName;
    private final BlobDownloads downloads;
    private final int attempts;

    RegistryRepository(RegistrySession session, String familiarName, BlobDownloads downloads, int attempts) {
        this.session = session;
        this.familiarName = familiarName;
        this.downloads = downloads;
        this.attempts = attempts;
    }

    /**
     * The image manifest a tag or digest names, for {@code platform} when it names an index.
     * The returned digest is that of the top-level manifest (what Docker prints as "Digest:").
     */
    public ImageManifest manifest(String tagOrDigest, Descriptor.Platform platform) {
        String what = familiarName + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest;
        ManifestPuller puller = new ManifestPuller(session, familiarName);
        ManifestPuller.RawManifest top = puller.pull(tagOrDigest);
        JsonNode json = ManifestTranslator.json(top, what);
        String type = ManifestTranslator.mediaType(top, json);
        if (!ManifestTranslator.isIndex(type)) {
            return ManifestTranslator.image(top.digest(), type, json, what);
        }
        Descriptor entry = ManifestTranslator.select(json, platform, what);
        ManifestPuller.RawManifest child = puller.pull(entry.digest());
        JsonNode childJson = ManifestTranslator.json(child, what);
        return ManifestTranslator.image(top.digest(), ManifestTranslator.mediaType(child, childJson), childJson, what);
    }

    /** Every tag of the repository ({@code docker pull --all-tags}). */
    public java.util.List<String> tags() {
        return new TagLister(session, familiarName).list();
    }

    /** The image config blob, verified against its digest. */
    public byte[] config(Descriptor config) {
        String what = "download the image config of " + familiarName;
        if (config.size() > RegistryLimits.MAX_CONFIG) {
            throw PortLayerException.invalid("Tried to " + what + " but failed because it is " + config.size()
                    + " bytes, more than " + RegistryLimits.MAX_CONFIG);
        }
        // through the spool like a layer: same redirects, resume and checks
        try (SpooledBlob b = blob(config, bytes -> { })) {
            return Files.readAllBytes(b.file());
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to " + what
                    + " but failed because " + e, e);
        }
    }

    /**
     * A layer (or any) blob in the spool, downloaded, size- and digest-checked; shared with
     * concurrent pulls of the same digest. Close the lease when done with the file.
     */
    public SpooledBlob blob(Descriptor blob, LongConsumer progress) {
        return downloads.get(blob.digest(), progress,
                (target, p) -> new BlobPuller(session, familiarName, attempts).pull(blob, target, p));
    }

    String familiarName() {
        return familiarName;
    }
}
