package dev.vch.portlayer.events;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.portlayer.api.Event;
import dev.vch.portlayer.api.EventFilter;
import dev.vch.portlayer.api.EventService;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class EventBusTest {
    static final class Recorder implements EventService.Listener {
        final List<Event> events = new CopyOnWriteArrayList<>();
        final CompletableFuture<Void> ended = new CompletableFuture<>();
        final CompletableFuture<Void> second = new CompletableFuture<>();

        @Override
        public void event(Event event) {
            events.add(event);
            if (events.size() == 2) {
                second.complete(null);
            }
        }

        @Override
        public void end() {
            ended.complete(null);
        }
    }

    @Test
    void replaysFiltersDeliversLiveAndEndsAtUntil() throws Exception {
        EventBus bus = new EventBus();
        Instant t0 = Instant.now();
        bus.publish("container", "create", "a", Map.of("name", "web"));
        bus.publish("image", "tag", "i", Map.of());

        Recorder replay = new Recorder();
        bus.subscribe(new EventFilter(Set.of("container"), null, null, null, null), t0, Instant.now().plusMillis(1),
                replay);
        replay.ended.get(5, TimeUnit.SECONDS);
        assertThat(replay.events).extracting(Event::action).containsExactly("create");

        Recorder live = new Recorder();
        var sub = bus.subscribe(new EventFilter(null, Set.of("die", "start"), Set.of("web"), null, null), null, null,
                live);
        bus.publish("container", "start", "a", Map.of("name", "web"));
        bus.publish("container", "start", "b", Map.of("name", "other"));
        bus.publish("container", "die", "a", Map.of("name", "web"));
        live.second.get(5, TimeUnit.SECONDS);
        assertThat(live.events).extracting(Event::action).containsExactly("start", "die");
        sub.close();
        bus.publish("container", "die", "a", Map.of("name", "web"));
        assertThat(live.events).hasSize(2);
        assertThat(live.ended).isNotDone();
    }
}
