package dev.vch.personality.handlers;

import dev.vch.personality.dto.ContainerConfigDto;
import dev.vch.personality.dto.ContainerCreatedDto;
import dev.vch.personality.dto.WaitDto;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.portlayer.api.ContainerFilter;
import dev.vch.portlayer.api.ContainerService;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.WaitCondition;
import dev.vch.portlayer.api.WaitResult;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Duration;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** Container lifecycle: create, list, inspect, start, stop, kill, restart, remove, rename, wait, resize. */
final class ContainerHandlers {
    private static final Set<String> LIST_FILTERS = Set.of("id", "name", "label", "status", "ancestor", "exited",
            "before", "since", "volume", "network", "health", "isolation", "publish", "expose", "is-task");
    private static final Set<String> UNSUPPORTED_LIST_FILTERS = Set.of("volume", "network",
            "health", "isolation", "publish", "expose", "is-task");
    private final ContainerService containers;

    ContainerHandlers(ContainerService containers) {
        this.containers = containers;
    }

    Reply create(ApiRequest r) throws java.io.IOException {
        var spec = ContainerTranslator.toSpec(r.query("name"), r.body(ContainerConfigDto.class));
        var created = containers.create(spec);
        return Reply.json(HttpResponseStatus.CREATED, new ContainerCreatedDto(created.id(), created.warnings()));
    }

    Reply list(ApiRequest r) {
        Filters f = Filters.parse(r.query("filters"), r.json(), LIST_FILTERS);
        for (String name : UNSUPPORTED_LIST_FILTERS) {
            if (!f.get(name).isEmpty()) {
                throw DockerApiException.badRequest("filter '" + name + "' is not supported by this VCH yet");
            }
        }
        Set<ContainerStatus> statuses = new HashSet<>();
        for (String s : f.get("status")) {
            try {
                statuses.add(ContainerStatus.valueOf(s.toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw DockerApiException.badRequest("invalid filter 'status=" + s + "'");
            }
        }
        Set<Integer> exited = new HashSet<>();
        for (String s : f.get("exited")) {
            try {
                exited.add(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw DockerApiException.badRequest("invalid filter 'exited=" + s + "'");
            }
        }
        Set<String> ancestors = new HashSet<>();
        f.get("ancestor").forEach(a -> ancestors.add(Images.ref(a)));
        int limit = r.integer("limit", -1);
        boolean all = r.bool("all") || limit > 0 || !statuses.isEmpty() || !exited.isEmpty();
        var filter = new ContainerFilter(all, Math.max(limit, 0), f.get("id"), f.get("name"), f.labels("label"),
                statuses, ancestors, exited, single(f, "before"), single(f, "since"));
        return Reply.ok(containers.list(filter).stream().map(ContainerTranslator::toSummary).toList());
    }

    /** The one value of a filter that takes a container (dockerd uses the last one given). */
    private static String single(Filters f, String name) {
        String last = null;
        for (String v : f.get(name)) {
            last = v;
        }
        return last;
    }

    Reply inspect(ApiRequest r) {
        return Reply.ok(ContainerTranslator.toInspect(containers.inspect(r.param("id"))));
    }

    Reply start(ApiRequest r) {
        containers.start(r.param("id"));
        return Reply.noContent();
    }

    Reply stop(ApiRequest r) {
        containers.stop(r.param("id"), timeout(r));
        return Reply.noContent();
    }

    Reply restart(ApiRequest r) {
        containers.restart(r.param("id"), timeout(r));
        return Reply.noContent();
    }

    Reply kill(ApiRequest r) {
        String signal = r.query("signal");
        try {
            containers.kill(r.param("id"), signal == null || signal.isEmpty() ? "KILL" : signal);
        } catch (PortLayerException e) {
            // dockerd's router wraps every kill failure this way
            throw new PortLayerException(e.kind(), "Cannot kill container: " + r.param("id") + ": " + e.getMessage(), e);
        }
        return Reply.noContent();
    }

    Reply remove(ApiRequest r) {
        if (r.bool("link")) {
            throw new DockerApiException(HttpResponseStatus.NOT_IMPLEMENTED, Unsupported.message("docker rm --link"));
        }
        containers.remove(r.param("id"), r.bool("force"), r.bool("v"));
        return Reply.noContent();
    }

    Reply rename(ApiRequest r) {
        String name = r.query("name");
        if (name == null || name.isEmpty()) {
            throw DockerApiException.badRequest("Neither old nor new names may be empty");
        }
        containers.rename(r.param("id"), name.replaceFirst("^/", ""));
        return Reply.noContent();
    }

    Reply resize(ApiRequest r) {
        var size = TtySize.of(r);
        containers.resize(r.param("id"), size.height(), size.width());
        return TtySize.RESIZED;
    }

    /**
     * The headers go out at once: {@code docker run} sends start only after its wait
     * request has been answered with headers. The body follows when the condition holds.
     */
    Reply waitFor(ApiRequest r) {
        String c = r.query("condition");
        WaitCondition condition = switch (c == null ? "" : c) {
            case "", "not-running" -> WaitCondition.NOT_RUNNING;
            case "next-exit" -> WaitCondition.NEXT_EXIT;
            case "removed" -> WaitCondition.REMOVED;
            default -> throw DockerApiException.badRequest("invalid condition: \"" + c + "\"");
        };
        var result = containers.wait(r.param("id"), condition).toCompletableFuture();
        return new Reply.Streaming(HttpResponseStatus.OK, "application/json", out -> {
            out.begin();
            CompletableFuture.anyOf(result, out.closed()).exceptionally(t -> null).join();
            if (!result.isDone()) {
                return; // the client left (docker run -d); the stage may be shared, so it is not cancelled
            }
            WaitDto body;
            try {
                WaitResult w = result.join();
                body = new WaitDto(w.statusCode(), w.error() == null ? null : new WaitDto.ErrorDto(w.error()));
            } catch (RuntimeException e) {
                Throwable cause = e.getCause() == null ? e : e.getCause();
                body = new WaitDto(-1, new WaitDto.ErrorDto(cause.getMessage()));
            }
            out.writeJsonLine(body);
        });
    }

    private static Duration timeout(ApiRequest r) {
        int t = r.integer("t", Integer.MIN_VALUE);
        return t == Integer.MIN_VALUE ? null : Duration.ofSeconds(Math.max(t, 0));
    }

}
