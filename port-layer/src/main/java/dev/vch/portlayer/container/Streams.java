package dev.vch.portlayer.container;

import dev.vch.portlayer.api.AttachOptions;
import dev.vch.portlayer.api.Attachment;
import dev.vch.portlayer.api.ExecInstance;
import dev.vch.portlayer.api.ExecSpec;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.PortLayerException.Kind;
import dev.vch.portlayer.link.LinkRegistry;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** attach, resize and exec: the parts of the API that ride on a container's link. */
final class Streams {
    private final ContainerRegistry registry;
    private final LinkRegistry links;
    private final LogStore logs;
    private final Map<String, ExecSession> execs = new ConcurrentHashMap<>();

    Streams(ContainerRegistry registry, LinkRegistry links, LogStore logs) {
        this.registry = registry;
        this.links = links;
        this.logs = logs;
    }

    Attachment attach(ContainerRecord c, AttachOptions o, OutputSink sink) {
        // a stream attach to a stopped container waits for its next start, as Docker's daemon does:
        // docker start -a attaches first (the CLI itself refuses docker attach to a stopped container)
        DetachKeys detachKeys = DetachKeys.parse(o.detachKeys());
        OnceSink once = new OnceSink(sink, o.stdout(), o.stderr());
        if (o.logs()) {
            logs.read(c.id, new LogOptions(o.stdout(), o.stderr(), false, -1, null, null, false), false,
                    once.withoutEnd());
        }
        if (!o.stream()) {
            once.end(null);
            return noInput(once);
        }
        c.sinks.add(once);
        return new Attachment() {
            @Override
            public void writeStdin(byte[] data) {
                if (!o.stdin()) {
                    return;
                }
                if (!c.spec.tty()) { // dockerd watches for the keys on a TTY only: other stdin is data
                    deliver(data);
                    return;
                }
                DetachKeys.Filtered in = detachKeys.filter(data);
                if (in.forward().length > 0) {
                    deliver(in.forward());
                }
                if (in.detach()) {
                    close(); // the client leaves; the container keeps running
                }
            }

            private void deliver(byte[] bytes) {
                ContainerProcess p;
                synchronized (c) {
                    p = c.process;
                    if (p == null) {
                        c.pendingStdin.writeBytes(bytes);
                        return;
                    }
                }
                p.writeStdin(bytes);
            }

            @Override
            public void closeStdin() {
                // dockerd closes the process's stdin on the client's half-close only without a TTY
                // (StdinOnce): a TTY session outlives its clients (detach, re-attach)
                if (!o.stdin() || !c.spec.stdinOnce() || c.spec.tty()) {
                    return;
                }
                synchronized (c) {
                    if (c.process == null) {
                        c.pendingStdinClosed = true;
                        return;
                    }
                }
                c.process.closeStdin();
            }

            @Override
            public void close() {
                c.sinks.remove(once);
                once.end(null);
            }
        };
    }

    private static Attachment noInput(OnceSink once) {
        return new Attachment() {
            @Override
            public void writeStdin(byte[] data) {
            }

            @Override
            public void closeStdin() {
            }

            @Override
            public void close() {
                once.end(null);
            }
        };
    }

    void resize(ContainerRecord c, int height, int width) {
        ContainerProcess p = c.process;
        if (!c.running() || p == null) {
            throw VsphereContainerService.notRunning(c);
        }
        try {
            p.resize(height, width);
        } catch (IOException e) {
            throw new PortLayerException(Kind.UNAVAILABLE, "cannot resize the TTY of " + c.id + ": " + e.getMessage(), e);
        }
    }

    String createExec(ContainerRecord c, ExecSpec spec) {
        if (!c.running()) {
            throw VsphereContainerService.notRunning(c);
        }
        if (spec.cmd().isEmpty()) {
            throw PortLayerException.invalid("No exec command specified");
        }
        String id = Names.newId();
        execs.put(id, new ExecSession(id, c, spec, links));
        return id;
    }

    Attachment startExec(String execId, boolean detach, OutputSink sink) {
        return exec(execId).start(detach, sink);
    }

    ExecInstance inspectExec(String execId) {
        return exec(execId).inspect();
    }

    void resizeExec(String execId, int height, int width) {
        exec(execId).resize(height, width);
    }

    private ExecSession exec(String execId) {
        ExecSession e = execs.get(execId);
        if (e == null || registry.byId(e.containerId()).isEmpty()) {
            throw PortLayerException.notFound("No such exec instance: " + execId);
        }
        return e;
    }
}
