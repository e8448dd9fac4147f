package dev.vch.portlayer.api;

import java.util.Map;
import java.util.Set;

/**
 * Which images {@link ImageService#list} returns.
 *
 * @param all        include intermediate images
 * @param dangling   null = both, true = only untagged, false = only tagged
 * @param references reference patterns ("busybox", "busybox:*")
 * @param labels     label key to value; null value = key present
 */
public record ImageFilter(boolean all, Boolean dangling, Set<String> references, Map<String, String> labels) {
    public ImageFilter {
        references = references == null ? Set.of() : Set.copyOf(references);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(labels));
    }

    public static ImageFilter everything() {
        return new ImageFilter(false, null, null, null);
    }
}
