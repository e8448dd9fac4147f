package dev.vch.portlayer.api;

import java.util.List;

/**
 * Facts about this VCH for {@code docker info}. Counts are of containers and images the
 * VCH knows; resources are what the VCH's resource pool may use.
 *
 * @param id              stable identifier of this VCH
 * @param name            the VCH's name
 * @param vsphereTarget   what the VCH runs on, e.g. "vCenter 8.0.2 at https://vc/sdk" or the embedded endpoint
 * @param cpus            CPUs available to containers
 * @param memoryBytes     memory available to containers
 * @param datastores      image/volume datastores (for the "Storage" lines)
 * @param operatingSystem the appliance's description, e.g. "VMware Photon OS/Linux" or "vSphere (embedded)"
 * @param kernelVersion   the containerVM kernel version
 */
public record SystemInfo(String id, String name, String vsphereTarget, String vsphereVersion, int containers,
                         int containersRunning, int containersPaused, int containersStopped, int images, int cpus,
                         long memoryBytes, List<String> datastores, String operatingSystem, String kernelVersion) {
    public SystemInfo {
        datastores = datastores == null ? List.of() : List.copyOf(datastores);
    }
}
