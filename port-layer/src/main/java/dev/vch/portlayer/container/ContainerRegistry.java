package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** The containers by id, with Docker's ref resolution (full id, unique prefix, name) and unique names. */
final class ContainerRegistry {
    private final Map<String, ContainerRecord> byId = new ConcurrentHashMap<>();

    List<ContainerRecord> all() {
        return new ArrayList<>(byId.values());
    }

    Optional<ContainerRecord> byId(String id) {
        return Optional.ofNullable(byId.get(id));
    }

    /** The container whose VM has this handle. */
    Optional<ContainerRecord> byHandle(String handle) {
        for (ContainerRecord c : byId.values()) {
            if (c.handle.equals(handle)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    /** NOT_FOUND "No such container: ref" when nothing matches. */
    ContainerRecord resolve(String ref) {
        if (ref == null || ref.isBlank()) {
            throw PortLayerException.noSuchContainer(ref == null ? "" : ref);
        }
        String r = ref.startsWith("/") ? ref.substring(1) : ref;
        ContainerRecord exact = byId.get(r);
        if (exact != null) {
            return exact;
        }
        for (ContainerRecord c : byId.values()) {
            if (c.name().equals(r)) {
                return c;
            }
        }
        List<ContainerRecord> prefixed = byId.values().stream().filter(c -> c.id.startsWith(r)).toList();
        if (prefixed.size() > 1) {
            throw PortLayerException.invalid("Multiple IDs found with provided prefix: " + r);
        }
        if (prefixed.isEmpty()) {
            throw PortLayerException.noSuchContainer(ref);
        }
        return prefixed.get(0);
    }

    /** Adds a record; CONFLICT with Docker's wording when the name is taken. */
    synchronized void add(ContainerRecord c) {
        requireFreeName(c.name(), c.id);
        byId.put(c.id, c);
    }

    synchronized void rename(ContainerRecord c, String newName) {
        requireFreeName(newName, c.id);
        c.rename(newName);
    }

    synchronized void requireFreeName(String name, String forId) {
        for (ContainerRecord other : byId.values()) {
            if (!other.id.equals(forId) && other.name().equals(name)) {
                throw PortLayerException.conflict("Conflict. The container name \"/" + name
                        + "\" is already in use by container \"" + other.id
                        + "\". You have to remove (or rename) that container to be able to reuse that name.");
            }
        }
    }

    void remove(String id) {
        byId.remove(id);
    }
}
