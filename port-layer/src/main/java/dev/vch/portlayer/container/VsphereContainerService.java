package dev.vch.portlayer.container;

import dev.vch.portlayer.api.AttachOptions;
import dev.vch.portlayer.api.Attachment;
import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerFilter;
import dev.vch.portlayer.api.ContainerService;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ExecInstance;
import dev.vch.portlayer.api.ExecSpec;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.Subscription;
import dev.vch.portlayer.api.WaitCondition;
import dev.vch.portlayer.api.WaitResult;
import dev.vch.portlayer.events.EventBus;
import dev.vch.portlayer.link.LinkRegistry;
import dev.vch.portlayer.vm.VmBackend;
import dev.vch.tether.protocol.SecretResolver;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Containers as VMs: the {@link ContainerService} of the vSphere backend. Lifecycle calls live
 * in {@link Lifecycle}, streams (attach, logs, exec) in {@link Streams}; this class wires them
 * and answers the queries.
 */
public final class VsphereContainerService implements ContainerService, AutoCloseable {
    private final ContainerRegistry registry = new ContainerRegistry();
    private final Lifecycle lifecycle;
    private final Streams streams;
    private final LogStore logs;

    public VsphereContainerService(VmBackend vms, ImageResolver images, LinkRegistry links, EventBus events,
                                   ContainerSettings settings) {
        this.logs = new LogStore(settings.logDir());
        this.lifecycle = new Lifecycle(vms, images, links, logs, events, settings, registry);
        this.streams = new Streams(registry, links, logs);
        links.onConnect(lifecycle::linkConnected);
    }

    /**
     * Rebuilds the containers from the VMs' extraConfig, then follows the VMs' power states (a VM
     * that goes off behind the VCH's back makes its container exited); call once before serving.
     */
    public int rebuild() {
        return lifecycle.rebuild();
    }

    /** Link secrets for the link server's handshake. */
    public SecretResolver secrets() {
        return id -> registry.byId(id).map(r -> r.secret.clone());
    }

    /** The log store (the log server lists and serves it). */
    public LogStore logStore() {
        return logs;
    }

    @Override
    public Created create(ContainerSpec spec) {
        return lifecycle.create(spec);
    }

    @Override
    public void start(String ref) {
        lifecycle.start(registry.resolve(ref));
    }

    @Override
    public void stop(String ref, Duration timeout) {
        lifecycle.stop(registry.resolve(ref), timeout);
    }

    @Override
    public void kill(String ref, String signal) {
        lifecycle.kill(registry.resolve(ref), signal);
    }

    @Override
    public void restart(String ref, Duration timeout) {
        ContainerRecord c = registry.resolve(ref);
        if (c.running()) {
            lifecycle.stop(c, timeout);
        }
        lifecycle.start(c);
        lifecycle.restarted(c);
    }

    @Override
    public void remove(String ref, boolean force, boolean volumes) {
        lifecycle.remove(registry.resolve(ref), force);
    }

    @Override
    public void rename(String ref, String newName) {
        lifecycle.rename(registry.resolve(ref), newName);
    }

    @Override
    public CompletionStage<WaitResult> wait(String ref, WaitCondition condition) {
        ContainerRecord c = registry.resolve(ref);
        return switch (condition) {
            case NOT_RUNNING -> c.running() || c.starting ? c.nextExit()
                    : CompletableFuture.completedFuture(new WaitResult(c.state().exitCode(), null));
            case NEXT_EXIT -> c.nextExit();
            case REMOVED -> c.removed;
        };
    }

    @Override
    public List<Container> list(ContainerFilter filter) {
        // refs of before/since must exist: No such container otherwise, as in dockerd
        Instant before = filter.before() == null ? null : registry.resolve(filter.before()).created;
        Instant since = filter.since() == null ? null : registry.resolve(filter.since()).created;
        return Queries.list(registry.all(), filter, before, since);
    }

    @Override
    public Container inspect(String ref) {
        return Queries.toContainer(registry.resolve(ref));
    }

    @Override
    public Attachment attach(String ref, AttachOptions options, OutputSink sink) {
        return streams.attach(registry.resolve(ref), options, sink);
    }

    @Override
    public Subscription logs(String ref, LogOptions options, OutputSink sink) {
        ContainerRecord c = registry.resolve(ref);
        return logs.read(c.id, options, c.running(), sink);
    }

    @Override
    public void resize(String ref, int height, int width) {
        streams.resize(registry.resolve(ref), height, width);
    }

    @Override
    public String createExec(String ref, ExecSpec spec) {
        return streams.createExec(registry.resolve(ref), spec);
    }

    @Override
    public Attachment startExec(String execId, boolean detach, OutputSink sink) {
        return streams.startExec(execId, detach, sink);
    }

    @Override
    public ExecInstance inspectExec(String execId) {
        return streams.inspectExec(execId);
    }

    @Override
    public void resizeExec(String execId, int height, int width) {
        streams.resizeExec(execId, height, width);
    }

    /** How many containers there are, by state (for docker info). */
    public List<Container> all() {
        return Queries.list(registry.all(), ContainerFilter.everything(), null, null);
    }

    /** Whether any container was created from {@code imageId} (image removal checks). */
    public Optional<String> userOf(String imageId) {
        return registry.all().stream().filter(c -> c.imageId.equals(imageId)).map(c -> c.id).findFirst();
    }

    @Override
    public void close() {
        lifecycle.close();
    }

    static PortLayerException notRunning(ContainerRecord c) {
        return PortLayerException.conflict("Container " + c.id + " is not running");
    }
}
