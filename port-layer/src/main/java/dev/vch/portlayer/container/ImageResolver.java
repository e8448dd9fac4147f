package dev.vch.portlayer.container;

import dev.vch.portlayer.api.Image;

/**
 * The container service's seam to the image store: an image reference to the image and the
 * datastore path of its top layer disk (the parent of a new container's disk).
 */
public interface ImageResolver {
    /** Unknown image: NOT_FOUND "No such image: ref". */
    ResolvedImage resolve(String ref);

    /**
     * @param topDisk        {@code [datastore] path/<chain>.vmdk}
     * @param diskCapacityMB virtual size of the image disk
     */
    record ResolvedImage(Image image, String topDisk, long diskCapacityMB) {
    }
}
