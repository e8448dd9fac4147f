package dev.vch.portlayer.image.store;

import com.fasterxml.jackson.core.type.TypeReference;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Names to image IDs ({@code metadata/repositories.json}: full normalised reference to
 * "sha256:..."), rewritten whole on every change; the datastore replaces it atomically.
 */
public final class ReferenceStore {

    private final ImageDatastore datastore;
    private final String file;
    private final TreeMap<String, String> refs = new TreeMap<>();

    public ReferenceStore(ImageDatastore datastore, String storeDir) {
        this.datastore = datastore;
        this.file = storeDir + "/metadata/repositories.json";
    }

    public synchronized void load() {
        refs.clear();
        if (datastore.exists(file)) {
            try {
                refs.putAll(Json.MAPPER.readValue(datastore.getBytes(file), new TypeReference<Map<String, String>>() {
                }));
            } catch (IOException e) {
                throw new dev.vch.portlayer.api.PortLayerException(dev.vch.portlayer.api.PortLayerException.Kind.INTERNAL,
                        "Tried to read " + file + " but it is not valid: " + e.getMessage(), e);
            }
        }
    }

    public synchronized String get(Reference ref) {
        return refs.get(ref.full());
    }

    /** Points a name at an image; returns the image it pointed at before, or null. */
    public synchronized String put(Reference ref, String imageId) {
        String old = refs.put(ref.full(), imageId);
        save();
        return old;
    }

    public synchronized boolean remove(Reference ref) {
        boolean removed = refs.remove(ref.full()) != null;
        if (removed) {
            save();
        }
        return removed;
    }

    /** Every name of an image, as full references, sorted. */
    public synchronized List<Reference> namesOf(String imageId) {
        List<Reference> out = new ArrayList<>();
        refs.forEach((k, v) -> {
            if (v.equals(imageId)) {
                out.add(Reference.parse(k));
            }
        });
        return out;
    }

    /** Drops names of images that are not in the store (after a crash between writes). */
    public synchronized void retainImages(java.util.Set<String> imageIds) {
        if (refs.values().removeIf(id -> !imageIds.contains(id))) {
            save();
        }
    }

    private void save() {
        datastore.putBytes(file, Json.write(refs));
    }
}
