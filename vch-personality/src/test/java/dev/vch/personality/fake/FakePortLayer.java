package dev.vch.personality.fake;

import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.PortLayer;
import dev.vch.portlayer.api.SystemInfo;
import java.util.List;

/** A whole fake port layer: scripted containers, one image, an event bus, honest counts. */
public final class FakePortLayer {
    private FakePortLayer() {
    }

    public static PortLayer create(String vchName) {
        var events = new FakeEvents();
        var images = new FakeImages();
        var containers = new FakeContainers(images, events);
        return new PortLayer(containers, images, () -> new SystemInfo("FAKE:VCH:ID", vchName,
                "embedded vSphere endpoint (fake)", "8.0.0", containers.count(null),
                containers.count(ContainerStatus.RUNNING), containers.count(ContainerStatus.PAUSED),
                containers.count(ContainerStatus.EXITED), 1, 2, 2L << 30, List.of("datastore1"),
                "vSphere (fake port layer)", "6.1.0-vch"), events);
    }
}
