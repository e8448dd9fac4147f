package dev.vch.personality.fake;

import dev.vch.portlayer.api.AttachOptions;
import dev.vch.portlayer.api.Attachment;
import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerFilter;
import dev.vch.portlayer.api.ContainerService;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.ExecInstance;
import dev.vch.portlayer.api.ExecSpec;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.Subscription;
import dev.vch.portlayer.api.WaitCondition;
import dev.vch.portlayer.api.WaitResult;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;

/**
 * An in-memory container service for tests: containers run {@link FakeProcess} scripts on
 * virtual threads. It follows the port-layer contract (stdin kept before start, wait
 * conditions, auto-remove, Docker's error wording) so the personality can be driven
 * end to end by the real docker CLI without vSphere.
 */
public final class FakeContainers implements ContainerService {
    private final FakeImages images;
    private final FakeEvents events;
    final Map<String, Entry> byId = new ConcurrentHashMap<>();
    private final Map<String, ExecEntry> execs = new ConcurrentHashMap<>();

    public FakeContainers(FakeImages images, FakeEvents events) {
        this.images = images;
        this.events = events;
    }

    static final class Entry {
        final String id;
        volatile String name;
        final ContainerSpec spec;
        final Instant created = Instant.now();
        final String imageId;
        volatile ContainerState state = ContainerState.created();
        volatile FakeProcess process;
        final List<CompletableFuture<WaitResult>> nextExit = new CopyOnWriteArrayList<>();
        final CompletableFuture<WaitResult> removed = new CompletableFuture<>();

        Entry(String id, String name, ContainerSpec spec, String imageId) {
            this.id = id;
            this.name = name;
            this.spec = spec;
            this.imageId = imageId;
        }

        Container snapshot() {
            return new Container(id, name, created, imageId, spec, state,
                    List.of(new Container.NetworkEndpoint("bridge", "net1", "ep-" + id.substring(0, 8),
                            "172.16.0.2", 16, "172.16.0.1", "02:42:ac:10:00:02")), 0, 0);
        }

        List<String> command() {
            return snapshot().commandLine();
        }
    }

    record ExecEntry(String id, String containerId, ExecSpec spec, FakeProcess process, Integer[] exitCode,
                     boolean[] running) {
    }

    Entry find(String ref) {
        Entry e = byId.get(ref);
        if (e != null) {
            return e;
        }
        for (Entry c : byId.values()) {
            if (c.name.equals(ref) || (ref.length() >= 3 && c.id.startsWith(ref))) {
                return c;
            }
        }
        throw PortLayerException.noSuchContainer(ref);
    }

    public int count(ContainerStatus status) {
        return (int) byId.values().stream().filter(e -> status == null || e.state.status() == status).count();
    }

    @Override
    public Created create(ContainerSpec spec) {
        String imageId = images.idOf(spec.image());
        String name = spec.name() != null ? spec.name() : "fake_" + Integer.toHexString(byId.size() + 1);
        synchronized (this) {
            if (byId.values().stream().anyMatch(e -> e.name.equals(name))) {
                throw PortLayerException.conflict("Conflict. The container name \"/" + name
                        + "\" is already in use. You have to remove (or rename) that container to be able to"
                        + " reuse that name.");
            }
            byte[] raw = new byte[32];
            ThreadLocalRandom.current().nextBytes(raw);
            String id = HexFormat.of().formatHex(raw);
            var image = images.inspect(spec.image());
            var effective = spec.cmd().isEmpty() && spec.entrypoint() == null
                    ? withCmd(spec, image.config().cmd()) : spec;
            Entry e = new Entry(id, name, effective, imageId);
            e.process = new FakeProcess(e.command(), spec.tty());
            byId.put(id, e);
            events.publish("container", "create", id, Map.of("name", name, "image", spec.image()));
            return new Created(id, List.of());
        }
    }

    private static ContainerSpec withCmd(ContainerSpec s, List<String> cmd) {
        return new ContainerSpec(s.name(), s.image(), cmd, s.entrypoint(), s.env(), s.workingDir(), s.user(),
                s.hostname(), s.domainname(), s.labels(), s.tty(), s.openStdin(), s.stdinOnce(), s.attachStdin(),
                s.attachStdout(), s.attachStderr(), s.exposedPorts(), s.binds(), s.portBindings(), s.networkMode(),
                s.restartPolicy(), s.autoRemove(), s.memoryBytes(), s.nanoCpus(), s.stopSignal(), s.stopTimeout(),
                s.consoleHeight(), s.consoleWidth());
    }

    @Override
    public void start(String ref) {
        Entry e = find(ref);
        synchronized (e) {
            if (e.state.running()) {
                throw new PortLayerException(PortLayerException.Kind.NOT_MODIFIED, "container already started");
            }
            if (e.state.status() == ContainerStatus.EXITED) {
                e.process = new FakeProcess(e.command(), e.spec.tty());
            }
            e.state = new ContainerState(ContainerStatus.RUNNING, 4242, 0, "", false, Instant.now(), null);
        }
        FakeProcess p = e.process;
        events.publish("container", "start", e.id, Map.of("name", e.name, "image", e.spec.image()));
        Thread.ofVirtual().name("fake-" + e.name).start(() -> p.run(code -> exited(e, code)));
    }

    private void exited(Entry e, int code) {
        e.state = new ContainerState(ContainerStatus.EXITED, 0, code, "", false, e.state.startedAt(), Instant.now());
        events.publish("container", "die", e.id, Map.of("name", e.name, "image", e.spec.image(),
                "exitCode", Integer.toString(code)));
        WaitResult result = new WaitResult(code, null);
        for (var f : e.nextExit) {
            f.complete(result);
        }
        e.nextExit.clear();
        if (e.spec.autoRemove()) {
            byId.remove(e.id);
            events.publish("container", "destroy", e.id, Map.of("name", e.name, "image", e.spec.image()));
            e.removed.complete(result);
        }
    }

    @Override
    public void stop(String ref, Duration timeout) {
        Entry e = find(ref);
        if (!e.state.running()) {
            throw new PortLayerException(PortLayerException.Kind.NOT_MODIFIED, "container already stopped");
        }
        e.process.kill();
    }

    @Override
    public void kill(String ref, String signal) {
        Entry e = find(ref);
        if (!e.state.running()) {
            throw PortLayerException.conflict("Container " + e.id + " is not running");
        }
        e.process.kill();
    }

    @Override
    public void restart(String ref, Duration timeout) {
        Entry e = find(ref);
        if (e.state.running()) {
            var exit = new CompletableFuture<WaitResult>();
            e.nextExit.add(exit);
            e.process.kill();
            exit.join();
        }
        start(e.id);
    }

    @Override
    public void remove(String ref, boolean force, boolean volumes) {
        Entry e = find(ref);
        if (e.state.running()) {
            if (!force) {
                throw PortLayerException.conflict("You cannot remove a running container " + e.id
                        + ". Stop the container before attempting removal or force remove");
            }
            e.process.kill();
        }
        byId.remove(e.id);
        events.publish("container", "destroy", e.id, Map.of("name", e.name, "image", e.spec.image()));
        e.removed.complete(new WaitResult(e.state.exitCode(), null));
    }

    @Override
    public void rename(String ref, String newName) {
        Entry e = find(ref);
        if (byId.values().stream().anyMatch(c -> c.name.equals(newName))) {
            throw PortLayerException.conflict("Error when allocating new name: Conflict. The container name \"/"
                    + newName + "\" is already in use.");
        }
        e.name = newName;
    }

    @Override
    public CompletionStage<WaitResult> wait(String ref, WaitCondition condition) {
        Entry e = find(ref);
        return switch (condition) {
            case REMOVED -> e.removed;
            case NEXT_EXIT -> {
                var f = new CompletableFuture<WaitResult>();
                e.nextExit.add(f);
                yield f;
            }
            case NOT_RUNNING -> {
                if (!e.state.running()) {
                    yield CompletableFuture.completedFuture(new WaitResult(e.state.exitCode(), null));
                }
                var f = new CompletableFuture<WaitResult>();
                e.nextExit.add(f);
                yield f;
            }
        };
    }

    @Override
    public List<Container> list(ContainerFilter filter) {
        return byId.values().stream()
                .filter(e -> filter.all() || e.state.running())
                .filter(e -> filter.names().isEmpty() || filter.names().stream().anyMatch(e.name::contains))
                .filter(e -> filter.statuses().isEmpty() || filter.statuses().contains(e.state.status()))
                .sorted((a, b) -> b.created.compareTo(a.created))
                .limit(filter.limit() > 0 ? filter.limit() : Long.MAX_VALUE)
                .map(Entry::snapshot).toList();
    }

    @Override
    public Container inspect(String ref) {
        return find(ref).snapshot();
    }

    @Override
    public Attachment attach(String ref, AttachOptions options, OutputSink sink) {
        Entry e = find(ref);
        FakeProcess p = e.process;
        if (options.logs()) {
            p.log().forEach(c -> sink.write(c.stream(), c.data()));
        }
        if (options.stream()) {
            p.addSink(sink);
        } else {
            sink.end(null);
        }
        return attachment(p, sink, options.stdin() && e.spec.openStdin());
    }

    private static Attachment attachment(FakeProcess p, OutputSink sink, boolean stdin) {
        return new Attachment() {
            @Override
            public void writeStdin(byte[] data) {
                if (stdin) {
                    p.writeStdin(data);
                }
            }

            @Override
            public void closeStdin() {
                if (stdin) {
                    p.closeStdin();
                }
            }

            @Override
            public void close() {
                p.removeSink(sink);
            }
        };
    }

    @Override
    public Subscription logs(String ref, LogOptions options, OutputSink sink) {
        Entry e = find(ref);
        var chunks = e.process.log();
        if (options.tail() >= 0) {
            chunks = chunks.subList(Math.max(0, chunks.size() - options.tail()), chunks.size());
        }
        for (var c : chunks) {
            if ((c.stream() == dev.vch.portlayer.api.StdStream.STDOUT) ? options.stdout() : options.stderr()) {
                sink.write(c.stream(), c.data());
            }
        }
        if (options.follow() && e.state.running()) {
            e.process.addSink(sink);
            return () -> e.process.removeSink(sink);
        }
        sink.end(null);
        return () -> { };
    }

    @Override
    public void resize(String ref, int height, int width) {
        Entry e = find(ref);
        if (!e.state.running()) {
            throw PortLayerException.conflict("Container " + e.id + " is not running");
        }
    }

    @Override
    public String createExec(String ref, ExecSpec spec) {
        Entry e = find(ref);
        if (!e.state.running()) {
            throw PortLayerException.conflict("Container " + e.id + " is not running");
        }
        byte[] raw = new byte[32];
        ThreadLocalRandom.current().nextBytes(raw);
        String id = HexFormat.of().formatHex(raw);
        execs.put(id, new ExecEntry(id, e.id, spec, new FakeProcess(spec.cmd(), spec.tty()), new Integer[1],
                new boolean[1]));
        return id;
    }

    @Override
    public Attachment startExec(String execId, boolean detach, OutputSink sink) {
        ExecEntry x = execs.get(execId);
        if (x == null) {
            throw PortLayerException.notFound("No such exec instance: " + execId);
        }
        if (!detach) {
            x.process().addSink(sink);
        }
        x.running()[0] = true;
        Thread.ofVirtual().start(() -> x.process().run(code -> {
            x.exitCode()[0] = code;
            x.running()[0] = false;
        }));
        if (detach) {
            sink.end(null);
        }
        return attachment(x.process(), sink, x.spec().attachStdin());
    }

    @Override
    public ExecInstance inspectExec(String execId) {
        ExecEntry x = execs.get(execId);
        if (x == null) {
            throw PortLayerException.notFound("No such exec instance: " + execId);
        }
        return new ExecInstance(x.id(), x.containerId(), x.spec(), x.running()[0], x.exitCode()[0], 0);
    }

    @Override
    public void resizeExec(String execId, int height, int width) {
        inspectExec(execId);
    }
}
