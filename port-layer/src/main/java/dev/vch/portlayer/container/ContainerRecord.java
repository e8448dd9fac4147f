package dev.vch.portlayer.container;

import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.WaitResult;
import java.io.ByteArrayOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The appliance's cached view of one container: what vSphere holds (meta, VM handle, secret)
 * plus the live parts (the output pump, attached clients, waiters). Guarded by its monitor.
 */
final class ContainerRecord {
    final String id;
    final String handle;
    final byte[] secret;
    final Instant created;
    final String imageId;
    final ContainerSpec spec;
    private String name;
    private int restartCount;
    private ContainerStatus status;
    private int exitCode;
    private String error = "";
    private Instant startedAt;
    private Instant finishedAt;
    private long pid;
    /** true while a start is bringing the VM up (link connects are the start's business). */
    boolean starting;
    /** true once a stop/kill was asked for (a restart policy does not apply). */
    boolean stopRequested;
    ContainerProcess process;
    final List<OutputSink> sinks = new CopyOnWriteArrayList<>();
    final ByteArrayOutputStream pendingStdin = new ByteArrayOutputStream();
    boolean pendingStdinClosed;
    private CompletableFuture<WaitResult> nextExit = new CompletableFuture<>();
    final CompletableFuture<WaitResult> removed = new CompletableFuture<>();

    ContainerRecord(String id, String name, String handle, byte[] secret, Instant created, String imageId,
                    ContainerSpec spec, int restartCount, ContainerState state) {
        this.id = id;
        this.name = name;
        this.handle = handle;
        this.secret = secret;
        this.created = created;
        this.imageId = imageId;
        this.spec = spec;
        this.restartCount = restartCount;
        this.status = state.status();
        this.exitCode = state.exitCode();
        this.error = state.error();
        this.startedAt = state.startedAt();
        this.finishedAt = state.finishedAt();
    }

    synchronized String name() {
        return name;
    }

    synchronized void rename(String newName) {
        this.name = newName;
    }

    synchronized ContainerState state() {
        return new ContainerState(status, status == ContainerStatus.RUNNING ? (int) Math.max(pid, 1) : 0, exitCode,
                error, false, startedAt, finishedAt);
    }

    synchronized boolean running() {
        return status == ContainerStatus.RUNNING;
    }

    synchronized ContainerStatus status() {
        return status;
    }

    synchronized void markRunning(Instant at) {
        status = ContainerStatus.RUNNING;
        startedAt = at;
        finishedAt = null;
        error = "";
        exitCode = 0;
        stopRequested = false;
    }

    synchronized void markPid(long newPid) {
        pid = newPid;
    }

    /**
     * Records an exit. Returns the waiters to complete (the caller completes them once the exit
     * is recorded everywhere), or null when the exit was recorded already.
     */
    synchronized CompletableFuture<WaitResult> markExited(int code, String err, Instant at) {
        if (status != ContainerStatus.RUNNING) {
            return null;
        }
        status = ContainerStatus.EXITED;
        exitCode = code;
        error = err == null ? "" : err;
        finishedAt = at;
        pid = 0;
        CompletableFuture<WaitResult> done = nextExit;
        nextExit = new CompletableFuture<>();
        return done;
    }

    synchronized void markStartFailed(String err) {
        error = err;
        exitCode = 128;
        status = startedAt == null ? ContainerStatus.CREATED : ContainerStatus.EXITED;
        finishedAt = Instant.now();
    }

    synchronized CompletableFuture<WaitResult> nextExit() {
        return nextExit;
    }

    synchronized void incrementRestarts() {
        restartCount++;
    }

    synchronized int restartCount() {
        return restartCount;
    }

    synchronized List<OutputSink> takeSinks() {
        List<OutputSink> out = new ArrayList<>(sinks);
        sinks.clear();
        return out;
    }

    Container toContainer(List<Container.NetworkEndpoint> networks) {
        return new Container(id, name(), created, imageId, spec, state(), networks, restartCount(), 0);
    }
}
