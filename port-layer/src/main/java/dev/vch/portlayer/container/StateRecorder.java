package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.events.EventBus;
import dev.vch.portlayer.vm.VmBackend;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the port layer records about a container as it happens: Docker events, and its run state
 * in the VM's extraConfig (written in order, off the caller's path: a docker command does not
 * wait for the reconfigure).
 */
final class StateRecorder implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(StateRecorder.class);

    private final VmBackend vms;
    private final ContainerRegistry registry;
    private final EventBus events;
    private final ExecutorService stateWriter = Executors.newSingleThreadExecutor(Thread.ofVirtual().factory());

    StateRecorder(VmBackend vms, ContainerRegistry registry, EventBus events) {
        this.vms = vms;
        this.registry = registry;
        this.events = events;
    }

    /** Writes the host's view of the run (start, exit) into the VM; skipped once the container is removed. */
    void state(ContainerRecord c, HostState state) {
        if (stateWriter.isShutdown()) {
            LOG.warn("not recording the state of {}: the container service is closing", c.id);
            return;
        }
        stateWriter.execute(() -> {
            if (registry.byId(c.id).isEmpty()) {
                return;
            }
            try {
                vms.setExtraConfig(c.handle, state.toExtraConfig());
            } catch (PortLayerException e) {
                LOG.warn("cannot record the state of {} in vSphere: {}", c.id, e.getMessage());
            }
        });
    }

    /** A container event with Docker's attributes: the labels, name and image, plus {@code extra}. */
    void event(ContainerRecord c, String action, Map<String, String> extra) {
        Map<String, String> attrs = new HashMap<>(c.spec.labels());
        attrs.put("name", c.name());
        attrs.put("image", c.spec.image());
        attrs.putAll(extra);
        events.publish("container", action, c.id, attrs);
    }

    @Override
    public void close() {
        stateWriter.shutdown();
        try {
            stateWriter.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
