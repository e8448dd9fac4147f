package dev.vch.portlayer.api;

import java.time.Instant;
import java.util.List;

/**
 * One line of {@code docker history}, newest first: the image's own ID and tags on the top
 * line, "&lt;missing&gt;" below it (a pulled image has no parent images in the store).
 *
 * @param size bytes the step's layer adds; 0 for steps that made no layer
 */
public record ImageHistory(String id, Instant created, String createdBy, List<String> tags, long size,
                           String comment) {
    public ImageHistory {
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
