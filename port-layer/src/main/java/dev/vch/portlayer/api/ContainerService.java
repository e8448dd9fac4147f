package dev.vch.portlayer.api;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * Containers: for the vSphere backend each one is a VM whose state lives in its
 * extraConfig and whose stdio runs over the link to its guest agent.
 *
 * <p>A {@code ref} is a full id, a unique id prefix or a name; unknown refs throw
 * {@link PortLayerException.Kind#NOT_FOUND} "No such container: ref". Methods may block
 * (they talk to vSphere); callers must not call them on an I/O event loop.
 */
public interface ContainerService {

    /** Creates a container; returns its id. Unknown image: NOT_FOUND "No such image: ref". */
    Created create(ContainerSpec spec);

    /** Already running: NOT_MODIFIED. */
    void start(String ref);

    /**
     * Sends the stop signal, waits up to {@code timeout} (null = the container's default),
     * then kills. Already stopped: NOT_MODIFIED.
     */
    void stop(String ref, Duration timeout);

    /** Sends a signal ("KILL", "SIGTERM", "9"). Not running: CONFLICT. */
    void kill(String ref, String signal);

    void restart(String ref, Duration timeout);

    /** Running and not {@code force}: CONFLICT. {@code volumes} also removes anonymous volumes. */
    void remove(String ref, boolean force, boolean volumes);

    /** Name taken: CONFLICT. */
    void rename(String ref, String newName);

    /**
     * Completes when the condition holds. The stage completes exceptionally with a
     * {@link PortLayerException} if the container disappears under a non-REMOVED wait.
     * Validation (unknown container) is done before returning, by throwing.
     */
    CompletionStage<WaitResult> wait(String ref, WaitCondition condition);

    List<Container> list(ContainerFilter filter);

    Container inspect(String ref);

    /**
     * Opens a live stream to the container's process. Output (and logs, when asked) goes to
     * {@code sink}; the sink's {@code end} is called when the process exits or the
     * attachment is closed. stdin written before the container starts is kept and delivered
     * at start (docker run -i sends it before start).
     */
    Attachment attach(String ref, AttachOptions options, OutputSink sink);

    /** Delivers the log to {@code sink}; without follow, {@code end} follows the last line. */
    Subscription logs(String ref, LogOptions options, OutputSink sink);

    /** Resizes the TTY. Not running: CONFLICT. */
    void resize(String ref, int height, int width);

    /** Creates an exec in a running container; returns the exec id. Not running: CONFLICT. */
    String createExec(String ref, ExecSpec spec);

    /**
     * Starts an exec. With {@code detach} the sink receives nothing and is ended at once;
     * otherwise output flows to the sink until the exec's process exits.
     */
    Attachment startExec(String execId, boolean detach, OutputSink sink);

    /** Unknown exec: NOT_FOUND "No such exec instance: id". */
    ExecInstance inspectExec(String execId);

    void resizeExec(String execId, int height, int width);

    /** The result of create: the new id and any warnings for the user. */
    record Created(String id, List<String> warnings) {
        public Created {
            warnings = warnings == null ? List.of() : List.copyOf(warnings);
        }
    }
}
