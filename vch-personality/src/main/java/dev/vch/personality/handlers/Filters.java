package dev.vch.personality.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.errors.DockerApiException;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Docker's {@code filters} query parameter: a JSON object from filter name to values,
 * either {@code ["a","b"]} or the older {@code {"a":true}} form. Names outside the
 * allowed set are a 400 "invalid filter 'x'", as in dockerd.
 */
final class Filters {
    private final Map<String, Set<String>> values;

    private Filters(Map<String, Set<String>> values) {
        this.values = values;
    }

    static Filters parse(String json, ObjectMapper mapper, Set<String> allowed) {
        Map<String, Set<String>> values = new HashMap<>();
        if (json == null || json.isBlank()) {
            return new Filters(values);
        }
        JsonNode root;
        try {
            root = mapper.readTree(json);
        } catch (Exception e) {
            throw DockerApiException.badRequest("invalid filters: " + json);
        }
        if (root == null || !root.isObject()) {
            throw DockerApiException.badRequest("invalid filters: " + json);
        }
        for (var field : root.properties()) {
            if (!allowed.contains(field.getKey())) {
                throw DockerApiException.badRequest("invalid filter '" + field.getKey() + "'");
            }
            Set<String> set = new LinkedHashSet<>();
            JsonNode v = field.getValue();
            if (v.isArray()) {
                v.forEach(e -> set.add(e.asText()));
            } else if (v.isObject()) {
                v.properties().forEach(e -> {
                    if (e.getValue().asBoolean()) {
                        set.add(e.getKey());
                    }
                });
            } else {
                throw DockerApiException.badRequest("invalid filters: " + json);
            }
            values.put(field.getKey(), set);
        }
        return new Filters(values);
    }

    Set<String> get(String name) {
        return values.getOrDefault(name, Set.of());
    }

    /** "key" or "key=value" label filters as a map; a null value means "key present". */
    Map<String, String> labels(String name) {
        Map<String, String> labels = new HashMap<>();
        for (String l : get(name)) {
            int eq = l.indexOf('=');
            labels.put(eq < 0 ? l : l.substring(0, eq), eq < 0 ? null : l.substring(eq + 1));
        }
        return labels;
    }
}
