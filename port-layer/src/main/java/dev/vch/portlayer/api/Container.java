package dev.vch.portlayer.api;

import java.time.Instant;
import java.util.List;

/**
 * A container as the port layer knows it (for a vSphere backend: read from the
 * containerVM's extraConfig). Used for both list and inspect.
 *
 * @param id           64 hex characters
 * @param name         without the leading slash
 * @param imageId      "sha256:..." of the image it was created from
 * @param spec         the configuration it was created with, image defaults applied
 * @param networks     the endpoints it is attached to
 * @param restartCount how often the restart policy restarted it
 * @param sizeRootFs   bytes of its disk, 0 when unknown
 */
public record Container(String id, String name, Instant created, String imageId, ContainerSpec spec,
                        ContainerState state, List<NetworkEndpoint> networks, int restartCount,
                        long sizeRootFs) {
    public Container {
        networks = networks == null ? List.of() : List.copyOf(networks);
    }

    /** The process the container runs: entrypoint followed by cmd. */
    public List<String> commandLine() {
        var line = new java.util.ArrayList<String>();
        if (spec.entrypoint() != null) {
            line.addAll(spec.entrypoint());
        }
        line.addAll(spec.cmd());
        return List.copyOf(line);
    }

    /** One network attachment: addresses as strings, prefix length of the subnet. */
    public record NetworkEndpoint(String network, String networkId, String endpointId, String ipAddress,
                                  int ipPrefixLen, String gateway, String macAddress) {
    }
}
