package dev.vch.portlayer.events;

import dev.vch.portlayer.api.Event;
import dev.vch.portlayer.api.EventFilter;
import dev.vch.portlayer.api.EventService;
import dev.vch.portlayer.api.Subscription;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The VCH's event stream: keeps the last {@code capacity} events for {@code --since} replays
 * and delivers live ones to subscribers, each on its own virtual thread so a slow client
 * never holds up the port layer.
 */
public final class EventBus implements EventService {
    private final int capacity;
    private final Clock clock;
    private final ArrayDeque<Event> kept = new ArrayDeque<>();
    private final List<Subscriber> subscribers = new CopyOnWriteArrayList<>();

    public EventBus(int capacity, Clock clock) {
        this.capacity = capacity;
        this.clock = clock;
    }

    public EventBus() {
        this(1000, Clock.systemUTC());
    }

    /** Records and delivers an event of {@code type}/{@code action} now. */
    public void publish(String type, String action, String actorId, Map<String, String> attributes) {
        publish(new Event(type, action, actorId, attributes, clock.instant()));
    }

    public void publish(Event event) {
        synchronized (kept) {
            kept.addLast(event);
            while (kept.size() > capacity) {
                kept.removeFirst();
            }
            for (Subscriber s : subscribers) {
                s.offer(event);
            }
        }
    }

    @Override
    public Subscription subscribe(EventFilter filter, Instant since, Instant until, Listener listener) {
        Subscriber s = new Subscriber(filter == null ? EventFilter.ALL : filter, until, listener);
        synchronized (kept) {
            if (since != null) {
                for (Event e : kept) {
                    if (!e.time().isBefore(since)) {
                        s.offer(e);
                    }
                }
            }
            if (until != null && !until.isAfter(clock.instant())) {
                s.finish();
            } else {
                subscribers.add(s);
            }
        }
        Thread.ofVirtual().name("events-subscriber").start(s::run);
        if (until != null) {
            long delay = Math.max(0, until.toEpochMilli() - clock.millis());
            Thread.ofVirtual().name("events-until").start(() -> {
                try {
                    Thread.sleep(delay);
                } catch (InterruptedException e) {
                    return;
                }
                s.finish();
            });
        }
        return () -> {
            subscribers.remove(s);
            s.cancel();
        };
    }

    /** One subscriber's queue; {@code end} is called once after the last event when {@code until} passes. */
    private final class Subscriber {
        private final EventFilter filter;
        private final Instant until;
        private final Listener listener;
        private final ArrayDeque<Event> queue = new ArrayDeque<>();
        private boolean finished;
        private boolean cancelled;

        Subscriber(EventFilter filter, Instant until, Listener listener) {
            this.filter = filter;
            this.until = until;
            this.listener = listener;
        }

        synchronized void offer(Event e) {
            if (!finished && filter.matches(e) && (until == null || e.time().isBefore(until))) {
                queue.addLast(e);
                notifyAll();
            }
        }

        synchronized void finish() {
            finished = true;
            notifyAll();
        }

        synchronized void cancel() {
            cancelled = true;
            notifyAll();
        }

        void run() {
            while (true) {
                List<Event> batch;
                boolean end;
                synchronized (this) {
                    while (queue.isEmpty() && !finished && !cancelled) {
                        try {
                            wait();
                        } catch (InterruptedException e) {
                            return;
                        }
                    }
                    if (cancelled) {
                        return;
                    }
                    batch = new ArrayList<>(queue);
                    queue.clear();
                    end = finished;
                }
                batch.forEach(listener::event);
                if (end) {
                    subscribers.remove(this);
                    listener.end();
                    return;
                }
            }
        }
    }
}
