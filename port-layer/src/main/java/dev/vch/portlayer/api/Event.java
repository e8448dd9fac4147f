package dev.vch.portlayer.api;

import java.time.Instant;
import java.util.Map;

/**
 * Something that happened to an object, as Docker reports it in {@code /events}.
 *
 * @param type       "container", "image", "volume", "network" or "daemon"
 * @param action     "create", "start", "die", "destroy", "pull", "tag", ...
 * @param actorId    the object's id
 * @param attributes e.g. name, image, exitCode
 */
public record Event(String type, String action, String actorId, Map<String, String> attributes, Instant time) {
    public Event {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }
}
