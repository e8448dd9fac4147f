package dev.vch.portlayer.link;

import dev.vch.tether.protocol.Link;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * The authenticated links by container id. A start waits here for its container's hello;
 * a link that comes back after a VCH restart is handed to the {@code onConnect} listener
 * (the container service re-attaches its output pump).
 */
public final class LinkRegistry {
    private final Map<String, CompletableFuture<Link>> links = new ConcurrentHashMap<>();
    private volatile Consumer<Link> onConnect = l -> { };

    public void onConnect(Consumer<Link> listener) {
        this.onConnect = listener;
    }

    /** Called by the link server with each authenticated link. */
    public void connected(Link link) {
        String id = link.containerId();
        CompletableFuture<Link> slot = links.compute(id, (k, old) ->
                old == null || old.isDone() ? new CompletableFuture<>() : old);
        link.closed().whenComplete((reason, err) -> links.computeIfPresent(id, (k, f) ->
                f.isDone() && f.getNow(null) == link ? null : f));
        onConnect.accept(link);
        slot.complete(link);
    }

    /**
     * A hello for {@code containerId} was refused (wrong proof): a start waiting for its next
     * link fails now instead of at its timeout. An open link or no waiter: nothing changes.
     */
    public void refused(String containerId, String reason) {
        CompletableFuture<Link> f = links.get(containerId);
        if (f != null && !f.isDone()) {
            f.completeExceptionally(new LinkRefusedException(reason));
        }
    }

    /** Why a pending link wait failed before its timeout. */
    public static final class LinkRefusedException extends Exception {
        LinkRefusedException(String reason) {
            super(reason);
        }
    }

    /** Completes with the container's next (or current open) link. */
    public CompletableFuture<Link> await(String containerId) {
        CompletableFuture<Link> slot = links.compute(containerId, (k, old) -> {
            if (old == null) {
                return new CompletableFuture<>();
            }
            if (old.isDone() && !old.join().isOpen()) {
                return new CompletableFuture<>();
            }
            return old;
        });
        return slot;
    }

    /**
     * Completes with the container's next link only: for a start, when the VM is off and any
     * link still registered is stale (its close may not have been noticed yet); that one is closed.
     */
    public CompletableFuture<Link> awaitNext(String containerId) {
        CompletableFuture<Link> fresh = new CompletableFuture<>();
        CompletableFuture<Link> old = links.put(containerId, fresh);
        if (old != null && old.isDone() && !old.isCompletedExceptionally()) {
            old.join().close();
        }
        return fresh;
    }

    /** The container's open link, if it has one now. */
    public Optional<Link> current(String containerId) {
        CompletableFuture<Link> f = links.get(containerId);
        if (f == null || !f.isDone() || f.isCompletedExceptionally()) {
            return Optional.empty();
        }
        Link l = f.join();
        return l.isOpen() ? Optional.of(l) : Optional.empty();
    }

    /** Forgets a container (removed): drops a pending wait and closes its link. */
    public void forget(String containerId) {
        CompletableFuture<Link> f = links.remove(containerId);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            f.join().close();
        } else if (f != null) {
            f.cancel(false);
        }
    }
}
