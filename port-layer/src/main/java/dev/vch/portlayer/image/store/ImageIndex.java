package dev.vch.portlayer.image.store;

import dev.vch.portlayer.api.PortLayerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The image records and config blobs ({@code <storeDir>/metadata/images/<id hex>/}), held
 * in memory and rebuilt from the datastore at start. {@code image.json} is written after
 * {@code config.json} and is the image's completion marker.
 */
public final class ImageIndex {

    private static final Logger LOG = LoggerFactory.getLogger(ImageIndex.class);

    /** A complete image: its record and its config bytes. */
    public record Stored(ImageRecord record, byte[] config) {
    }

    private final ImageDatastore datastore;
    private final String dir;
    private final Map<String, Stored> images = new ConcurrentHashMap<>();

    public ImageIndex(ImageDatastore datastore, String storeDir) {
        this.datastore = datastore;
        this.dir = storeDir + "/metadata/images";
    }

    /** Reads every complete image whose layers are all present; deletes the rest. */
    public void load(LayerStore layers) {
        images.clear();
        for (String hex : datastore.list(dir)) {
            String d = dir + "/" + hex;
            if (!datastore.exists(d + "/image.json")) {
                LOG.warn("deleting unfinished image {} (no image.json)", hex);
                datastore.delete(d);
                continue;
            }
            ImageRecord r = Json.read(datastore.getBytes(d + "/image.json"), ImageRecord.class, "image " + hex);
            if (!r.chainIds().stream().allMatch(c -> layers.get(c).isPresent())) {
                LOG.warn("deleting image {}: a layer of it is missing", hex);
                datastore.delete(d);
                continue;
            }
            images.put(r.id(), new Stored(r, datastore.getBytes(d + "/config.json")));
        }
    }

    public void add(ImageRecord r, byte[] config) {
        String d = dir + "/" + ChainIds.hex(r.id());
        datastore.mkdir(d);
        datastore.putBytes(d + "/config.json", config);
        datastore.putBytes(d + "/image.json", Json.write(r));
        images.put(r.id(), new Stored(r, config));
    }

    public void remove(String id) {
        String d = dir + "/" + ChainIds.hex(id);
        datastore.delete(d + "/image.json");
        datastore.delete(d);
        images.remove(id);
    }

    public Stored get(String id) {
        return images.get(id);
    }

    public Collection<Stored> all() {
        return images.values();
    }

    /** IDs starting with a hex prefix; ambiguity is the caller's to report. */
    public List<String> byPrefix(String hexPrefix) {
        List<String> out = new ArrayList<>();
        for (String id : images.keySet()) {
            if (ChainIds.hex(id).startsWith(hexPrefix)) {
                out.add(id);
            }
        }
        return out;
    }

    static PortLayerException noSuch(String ref) {
        return PortLayerException.noSuchImage(ref);
    }
}
