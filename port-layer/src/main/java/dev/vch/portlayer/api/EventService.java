package dev.vch.portlayer.api;

import java.time.Instant;

/** The event stream of the VCH. */
public interface EventService {

    /**
     * Replays kept events from {@code since} (null = none), then delivers live events until
     * {@code until} (null = forever) or until the subscription is closed. Filtering is done
     * by the port layer. {@link Listener#end} is called once when {@code until} is reached.
     */
    Subscription subscribe(EventFilter filter, Instant since, Instant until, Listener listener);

    /** Receives events on a port-layer thread, in order. */
    interface Listener {
        void event(Event event);

        void end();
    }
}
