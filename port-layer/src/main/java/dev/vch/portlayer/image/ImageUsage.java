package dev.vch.portlayer.image;

import java.util.Optional;

/**
 * Tells the image store whether a container uses an image, so {@code docker rmi} can
 * refuse; the container service supplies it (the image store knows no containers).
 */
@FunctionalInterface
public interface ImageUsage {

    /** A container using an image: its ID and whether it runs. */
    record Use(String containerId, boolean running) {
    }

    /** The first container whose image is {@code imageId} ("sha256:..."), running ones first. */
    Optional<Use> usedBy(String imageId);

    ImageUsage NONE = id -> Optional.empty();
}
