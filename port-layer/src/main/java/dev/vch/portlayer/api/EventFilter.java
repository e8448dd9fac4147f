package dev.vch.portlayer.api;

import java.util.Map;
import java.util.Set;

/**
 * Which events a subscriber wants: each non-empty set must match (OR inside a set).
 *
 * @param types      event types
 * @param actions    actions ("die")
 * @param actors     actor ids, or names matched against the "name" attribute
 * @param images     image references matched against the "image" attribute
 * @param labels     attribute key to value; null value = key present
 */
public record EventFilter(Set<String> types, Set<String> actions, Set<String> actors, Set<String> images,
                          Map<String, String> labels) {
    public EventFilter {
        types = types == null ? Set.of() : Set.copyOf(types);
        actions = actions == null ? Set.of() : Set.copyOf(actions);
        actors = actors == null ? Set.of() : Set.copyOf(actors);
        images = images == null ? Set.of() : Set.copyOf(images);
        labels = labels == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.HashMap<>(labels));
    }

    public static final EventFilter ALL = new EventFilter(null, null, null, null, null);

    /** Whether {@code e} passes this filter. */
    public boolean matches(Event e) {
        if (!types.isEmpty() && !types.contains(e.type())) {
            return false;
        }
        if (!actions.isEmpty() && !actions.contains(e.action())) {
            return false;
        }
        if (!actors.isEmpty() && !actors.contains(e.actorId()) && !actors.contains(e.attributes().get("name"))) {
            return false;
        }
        if (!images.isEmpty() && !images.contains(e.attributes().get("image"))) {
            return false;
        }
        for (var label : labels.entrySet()) {
            String v = e.attributes().get(label.getKey());
            if (v == null || (label.getValue() != null && !label.getValue().equals(v))) {
                return false;
            }
        }
        return true;
    }
}
