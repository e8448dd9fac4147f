package dev.vch.portlayer.system;

import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.SystemInfo;
import dev.vch.portlayer.api.SystemService;
import java.util.List;
import java.util.function.Supplier;

/**
 * docker info for a VCH: counts from the container and image stores at the time of the call,
 * the rest from what the appliance learnt from vSphere at start ({@link Facts}).
 */
public final class VchSystemService implements SystemService {
    private final Facts facts;
    private final Supplier<List<Container>> containers;
    private final ImageService images;

    /**
     * Fixed facts about the VCH.
     *
     * @param cpus        vCPUs the VCH's pool may give containers (the host's when the pool is unlimited)
     * @param memoryBytes memory likewise
     */
    public record Facts(String id, String name, String vsphereTarget, String vsphereVersion, int cpus,
                        long memoryBytes, List<String> datastores, String operatingSystem, String kernelVersion) {
    }

    public VchSystemService(Facts facts, Supplier<List<Container>> containers, ImageService images) {
        this.facts = facts;
        this.containers = containers;
        this.images = images;
    }

    @Override
    public SystemInfo info() {
        List<Container> all = containers.get();
        int running = count(all, ContainerStatus.RUNNING);
        int paused = count(all, ContainerStatus.PAUSED);
        int imageCount;
        try {
            imageCount = images.list(ImageFilter.everything()).size();
        } catch (PortLayerException e) {
            imageCount = 0;
        }
        return new SystemInfo(facts.id(), facts.name(), facts.vsphereTarget(), facts.vsphereVersion(), all.size(),
                running, paused, all.size() - running - paused, imageCount, facts.cpus(), facts.memoryBytes(),
                facts.datastores(), facts.operatingSystem(), facts.kernelVersion());
    }

    private static int count(List<Container> all, ContainerStatus s) {
        return (int) all.stream().filter(c -> c.state().status() == s).count();
    }
}
