package dev.vch.portlayer.vm;

import java.util.Map;
import java.util.Objects;

/**
 * Everything one containerVM is created with, committed as one create call.
 *
 * @param displayName    the VM's name in the inventory ({@code <name>-<shortID>})
 * @param containerId    the container id (64 hex)
 * @param cpus           vCPUs
 * @param memoryMB       memory
 * @param datastore      datastore of the VM's files and of the image disks
 * @param bootstrapIso   {@code [ds] path/bootstrap.iso}
 * @param parentDisk     the image's top layer disk, {@code [ds] path/x.vmdk}: the container
 *                       disk is a copy-on-write child of it
 * @param diskCapacityMB virtual size of the container disk (at least the parent's)
 * @param network        portgroup name of the bridge network, or null for no NIC
 * @param serialUri      {@code tcp://<VCH IP>:2377}: the link, client end
 * @param extraConfig    guestinfo.vice. keys (tether config) and the port layer's own keys
 */
public record ContainerVmSpec(String displayName, String containerId, int cpus, long memoryMB, String datastore,
                              String bootstrapIso, String parentDisk, long diskCapacityMB, String network,
                              String serialUri, Map<String, String> extraConfig) {
    public ContainerVmSpec {
        Objects.requireNonNull(displayName, "displayName");
        Objects.requireNonNull(containerId, "containerId");
        extraConfig = extraConfig == null ? Map.of() : Map.copyOf(extraConfig);
    }
}
