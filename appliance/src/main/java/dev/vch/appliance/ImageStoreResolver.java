package dev.vch.appliance;

import dev.vch.portlayer.container.ImageResolver;
import dev.vch.portlayer.image.ImageStore;

/** The container service's view of the image store: the image and its top layer disk. */
final class ImageStoreResolver implements ImageResolver {
    private final ImageStore store;
    private final long capacityMb;

    ImageStoreResolver(ImageStore store, long baseSizeBytes) {
        this.store = store;
        this.capacityMb = baseSizeBytes >> 20;
    }

    @Override
    public ResolvedImage resolve(String ref) {
        return new ResolvedImage(store.inspect(ref), store.diskOf(ref), capacityMb);
    }
}
