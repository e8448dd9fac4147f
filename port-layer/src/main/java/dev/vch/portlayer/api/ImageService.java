package dev.vch.portlayer.api;

import java.io.InputStream;
import java.util.List;

/**
 * The image store. A {@code ref} is an image id (full or prefix, with or without
 * "sha256:"), or a name normalised by the caller ("docker.io/library/busybox:latest");
 * unknown refs throw NOT_FOUND "No such image: ref". Methods may block.
 */
public interface ImageService {

    List<Image> list(ImageFilter filter);

    Image inspect(String ref);

    /**
     * Removes a name, and the image when no name is left. Image in use by a container and
     * not {@code force}: CONFLICT.
     */
    List<Deletion> remove(String ref, boolean force, boolean noPrune);

    /** Adds the name repo:tag to the image {@code ref}. */
    void tag(String ref, String repository, String tag);

    /**
     * Pulls repository:tag (or @digest) from its registry, reporting progress; an empty
     * {@code tagOrDigest} pulls every tag ({@code docker pull --all-tags}).
     */
    Image pull(String repository, String tagOrDigest, RegistryAuth auth, ProgressListener progress);

    /** As {@link #pull}, for a platform ("linux/arm64"); null or empty: the VCH's own. */
    default Image pull(String repository, String tagOrDigest, String platform, RegistryAuth auth,
                       ProgressListener progress) {
        if (platform != null && !platform.isEmpty()) {
            throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker pull"
                    + " --platform");
        }
        return pull(repository, tagOrDigest, auth, progress);
    }

    /**
     * Loads a {@code docker save} tarball; returns the names (or ids) loaded, one per line
     * of Docker's "Loaded image: x" output.
     */
    List<String> load(InputStream tarball, ProgressListener progress);

    /** Imports a root filesystem tarball as a one-layer image; returns the new image id. */
    String importImage(InputStream tarball, String repository, String tag, List<String> changes,
                       ProgressListener progress);

    /** {@code docker history}: the image config's steps, newest first. */
    default List<ImageHistory> history(String ref) {
        throw PortLayerException.notImplemented("Virtual Container Host does not yet implement docker history");
    }

    /** Checks credentials against a registry ({@code docker login}). UNAUTHORIZED when wrong. */
    LoginResult login(RegistryAuth auth);

    /** One line of {@code docker rmi} output: exactly one of the two is set. */
    record Deletion(String untagged, String deleted) {
    }

    /** {@code status} as shown by the CLI ("Login Succeeded"); identityToken may be empty. */
    record LoginResult(String status, String identityToken) {
    }
}
