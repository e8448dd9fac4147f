package dev.vch.portlayer.api;

import java.util.Objects;

/**
 * Everything the Docker personality may call, in process. One implementation is backed
 * by vSphere (containers as VMs); tests use fakes. Volumes and networks join later.
 */
public record PortLayer(ContainerService containers, ImageService images, SystemService system,
                        EventService events) {
    public PortLayer {
        Objects.requireNonNull(containers, "containers");
        Objects.requireNonNull(images, "images");
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(events, "events");
    }
}
