package dev.vch.portlayer.registry;

import java.util.List;

/**
 * A resolved image manifest (Docker schema2 or OCI) for one platform.
 *
 * @param digest    digest of what the tag or digest pointed at (the index when there was one):
 *                  Docker's "Digest:" line and RepoDigests entry
 * @param mediaType media type of the image manifest itself
 * @param config    the image config blob
 * @param layers    layer blobs, bottom first
 */
public record ImageManifest(String digest, String mediaType, Descriptor config, List<Descriptor> layers) {
    public ImageManifest {
        layers = List.copyOf(layers);
    }
}
