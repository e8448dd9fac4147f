package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.ImageHistory;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ImageRecord;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * {@code docker history} from an image config, as dockerd's image_history.go: one line per
 * config history entry, newest first; a step that made a layer gets that layer's size; the top
 * line carries the image ID and its tags, the others "&lt;missing&gt;" (no parent images).
 */
final class ImageHistories {

    static final String MISSING = "<missing>";

    private ImageHistories() {
    }

    static List<ImageHistory> of(ImageRecord image, JsonNode config, List<String> tags,
                                 ToLongFunction<String> layerSize) {
        List<ImageHistory> out = new ArrayList<>();
        int layer = 0;
        for (JsonNode h : config.path("history")) {
            long size = 0;
            if (!h.path("empty_layer").asBoolean(false)) {
                if (layer >= image.chainIds().size()) {
                    throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                            "too many non-empty layers in History section");
                }
                size = layerSize.applyAsLong(image.chainIds().get(layer++));
            }
            out.addFirst(new ImageHistory(MISSING, created(h.path("created").asText("")),
                    h.path("created_by").asText(""), List.of(), size, h.path("comment").asText("")));
        }
        if (!out.isEmpty()) {
            ImageHistory top = out.getFirst();
            out.set(0, new ImageHistory(image.id(), top.created(), top.createdBy(), tags, top.size(), top.comment()));
        }
        return out;
    }

    private static Instant created(String s) {
        try {
            return s.isEmpty() ? Instant.EPOCH : Instant.parse(s);
        } catch (DateTimeParseException e) {
            return Instant.EPOCH;
        }
    }
}
