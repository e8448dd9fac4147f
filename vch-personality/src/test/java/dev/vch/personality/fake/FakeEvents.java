package dev.vch.personality.fake;

import dev.vch.portlayer.api.Event;
import dev.vch.portlayer.api.EventFilter;
import dev.vch.portlayer.api.EventService;
import dev.vch.portlayer.api.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** An in-memory event bus: keeps every event for replay and fans out live ones. */
public final class FakeEvents implements EventService {
    private final List<Event> history = new CopyOnWriteArrayList<>();
    private final List<Sub> subscribers = new CopyOnWriteArrayList<>();

    private record Sub(EventFilter filter, Instant until, Listener listener) {
    }

    public void publish(String type, String action, String actor, Map<String, String> attributes) {
        Event e = new Event(type, action, actor, attributes, Instant.now());
        history.add(e);
        for (Sub s : subscribers) {
            if (s.filter().matches(e)) {
                s.listener().event(e);
            }
        }
    }

    @Override
    public synchronized Subscription subscribe(EventFilter filter, Instant since, Instant until, Listener listener) {
        if (since != null) {
            for (Event e : history) {
                if (!e.time().isBefore(since) && (until == null || e.time().isBefore(until)) && filter.matches(e)) {
                    listener.event(e);
                }
            }
        }
        if (until != null && !until.isAfter(Instant.now())) {
            listener.end();
            return () -> { };
        }
        Sub sub = new Sub(filter, until, listener);
        subscribers.add(sub);
        Thread timer = null;
        if (until != null) {
            timer = Thread.ofVirtual().start(() -> {
                try {
                    Thread.sleep(java.time.Duration.between(Instant.now(), until));
                    subscribers.remove(sub);
                    listener.end();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        Thread t = timer;
        return () -> {
            subscribers.remove(sub);
            if (t != null) {
                t.interrupt();
            }
        };
    }
}
