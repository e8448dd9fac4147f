package dev.vch.portlayer.image;

import dev.vch.portlayer.api.ImageService.Deletion;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.ImageIndex;
import dev.vch.portlayer.image.store.ImageRecord;
import dev.vch.portlayer.image.store.LayerStore;
import dev.vch.portlayer.image.store.Reference;
import dev.vch.portlayer.image.store.ReferenceStore;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code docker rmi} with Docker's rules (daemon/images/image_delete.go): a name is
 * untagged, and the image goes when no name is left; by ID, the image goes when it has at
 * most one repository; conflicts in Docker's words. One deliberate difference: an image
 * used by a stopped container is, with force, only untagged, not deleted, because that
 * container's disk is a copy-on-write child of the image's disks.
 */
final class ImageRemoval {

    private final ImageIndex index;
    private final ReferenceStore refs;
    private final LayerStore layers;
    private final ImageUsage usage;
    private final List<Deletion> out = new ArrayList<>();

    ImageRemoval(ImageIndex index, ReferenceStore refs, LayerStore layers, ImageUsage usage) {
        this.index = index;
        this.refs = refs;
        this.layers = layers;
        this.usage = usage;
    }

    List<Deletion> remove(String ref, String id, boolean force) {
        List<Reference> names = refs.namesOf(id);
        Optional<ImageUsage.Use> use = usage.usedBy(id);
        boolean byId = isIdPrefix(id, ref);
        if (!byId) {
            if (!force && names.size() <= 1 && use.isPresent()) {
                throw PortLayerException.conflict("conflict: unable to remove repository reference \"" + ref
                        + "\" (must force) - container " + shortId(use.get().containerId())
                        + " is using its referenced image " + shortId(id));
            }
            Reference name = Reference.parse(ref);
            refs.remove(name);
            out.add(new Deletion(name.familiar(), null));
            removeDigestsOfLastTag(id, name);
            if (!refs.namesOf(id).isEmpty()) {
                return out;
            }
        } else if (singleRepository(names)) {
            untagAll(id);
        }
        checkConflicts(id, use, force);
        untagAll(id);
        if (use.isPresent()) {
            return out; // forced past a stopped container: untagged, disks kept for the container
        }
        ImageRecord record = index.get(id).record();
        index.remove(id);
        out.add(new Deletion(null, id));
        releaseLayers(record);
        return out;
    }

    private void checkConflicts(String id, Optional<ImageUsage.Use> use, boolean force) {
        if (use.isPresent() && use.get().running()) {
            throw conflict(id, true, "image is being used by running container " + shortId(use.get().containerId()));
        }
        if (!force && !refs.namesOf(id).isEmpty()) {
            throw conflict(id, false, "image is referenced in multiple repositories");
        }
        if (!force && use.isPresent()) {
            throw conflict(id, false, "image is being used by stopped container " + shortId(use.get().containerId()));
        }
    }

    /**
     * Docker: when the last tag of a repository goes, that repository's digest references
     * (RepoDigests of a pull) go with it.
     */
    private void removeDigestsOfLastTag(String id, Reference removed) {
        if (!removed.digest().isEmpty()) {
            return;
        }
        List<Reference> left = refs.namesOf(id);
        if (left.stream().anyMatch(r -> r.digest().isEmpty() && r.repository().equals(removed.repository()))) {
            return;
        }
        for (Reference r : left) {
            if (r.repository().equals(removed.repository())) {
                refs.remove(r);
                out.add(new Deletion(r.familiar(), null));
            }
        }
    }

    private void untagAll(String id) {
        for (Reference r : refs.namesOf(id)) {
            refs.remove(r);
            out.add(new Deletion(r.familiar(), null));
        }
    }

    /** Deletes the image's layers no other image stands on, top first. */
    private void releaseLayers(ImageRecord record) {
        Set<String> inUse = new HashSet<>();
        index.all().forEach(s -> inUse.addAll(s.record().chainIds()));
        for (String chainId : record.chainIds().reversed()) {
            if (!inUse.contains(chainId) && layers.get(chainId).isPresent()) {
                layers.delete(chainId);
                out.add(new Deletion(null, chainId));
            }
        }
    }

    private static boolean singleRepository(List<Reference> names) {
        return names.stream().map(Reference::repository).distinct().count() <= 1;
    }

    private static boolean isIdPrefix(String id, String ref) {
        String hex = ref.startsWith("sha256:") ? ref.substring(7) : ref;
        return hex.matches("[0-9a-f]{1,64}") && ChainIds.hex(id).startsWith(hex)
                && (ref.startsWith("sha256:") || !ref.contains(":"));
    }

    private static PortLayerException conflict(String id, boolean hard, String message) {
        return PortLayerException.conflict("conflict: unable to delete " + shortId(id) + " ("
                + (hard ? "cannot be forced" : "must be forced") + ") - " + message);
    }

    static String shortId(String id) {
        String hex = ChainIds.hex(id);
        return hex.length() > 12 ? hex.substring(0, 12) : hex;
    }
}
