package dev.vch.personality.handlers;

import dev.vch.personality.dto.EventDto;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.portlayer.api.Event;
import dev.vch.portlayer.api.EventFilter;
import dev.vch.portlayer.api.EventService;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/** {@code GET /events}: a JSON line per event, streamed until {@code until} or the client leaves. */
final class EventsHandler {
    private static final Set<String> FILTERS = Set.of("type", "event", "container", "image", "label", "volume",
            "network", "daemon", "scope");
    private final EventService events;

    EventsHandler(EventService events) {
        this.events = events;
    }

    Reply events(ApiRequest request) {
        Instant since = Timestamps.parse(request.query("since"), "since");
        Instant until = Timestamps.parse(request.query("until"), "until");
        if (since != null && until != null && since.isAfter(until)) {
            throw DockerApiException.badRequest("`since` time (" + request.query("since")
                    + ") cannot be after `until` time (" + request.query("until") + ")");
        }
        Filters f = Filters.parse(request.query("filters"), request.json(), FILTERS);
        Set<String> actors = new HashSet<>(f.get("container"));
        actors.addAll(f.get("volume"));
        actors.addAll(f.get("network"));
        var filter = new EventFilter(f.get("type"), f.get("event"), actors, f.get("image"), f.labels("label"));
        return new Reply.Streaming(HttpResponseStatus.OK, "application/json", out -> {
            out.begin();
            var ended = new CompletableFuture<Void>();
            try (var subscription = events.subscribe(filter, since, until, new EventService.Listener() {
                @Override
                public void event(Event e) {
                    out.writeJsonLine(toDto(e));
                }

                @Override
                public void end() {
                    ended.complete(null);
                }
            })) {
                CompletableFuture.anyOf(ended, out.closed()).join();
            }
        });
    }

    static EventDto toDto(Event e) {
        long nanos = e.time().getEpochSecond() * 1_000_000_000L + e.time().getNano();
        boolean legacy = e.type().equals("container") || e.type().equals("image");
        return new EventDto(legacy ? e.action() : null, legacy ? e.actorId() : null,
                e.type().equals("container") ? e.attributes().get("image") : null, e.type(), e.action(),
                new EventDto.Actor(e.actorId(), e.attributes()), "local", e.time().getEpochSecond(), nanos);
    }
}
