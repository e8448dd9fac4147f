package dev.vch.portlayer.image.store;

/**
 * One layer disk in the store, stored as {@code layer.json} beside its VMDK.
 *
 * @param chainId "sha256:..." Docker's chain ID: the layer with all its parents
 * @param diffId  "sha256:..." of the uncompressed layer tar
 * @param parent  the parent's chain ID, "" for a bottom layer (child of scratch)
 * @param size    bytes of regular-file content the layer adds
 */
public record LayerRecord(String chainId, String diffId, String parent, long size) {
}
