package dev.vch.portlayer.image.store;

import java.util.List;

/**
 * An image in the store, kept as {@code metadata/images/<id hex>/image.json} beside the
 * config blob {@code config.json}; image.json is written last and marks the image complete.
 *
 * @param id       "sha256:..." of the config bytes (Docker's image ID)
 * @param chainIds the image's layer stack, bottom first (chain IDs)
 * @param size     bytes of file content of all layers
 * @param loaded   when it entered the store (epoch millis)
 */
public record ImageRecord(String id, List<String> chainIds, long size, long loaded) {
    public ImageRecord {
        chainIds = List.copyOf(chainIds);
    }

    /** The chain ID of the top layer ("" for an image without layers: scratch). */
    public String topChainId() {
        return chainIds.isEmpty() ? "" : chainIds.getLast();
    }
}
