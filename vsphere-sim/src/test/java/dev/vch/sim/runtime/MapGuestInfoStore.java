package dev.vch.sim.runtime;

import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;

/** A GuestInfoStore over a map that also records every guest write, so tests can await them. */
final class MapGuestInfoStore implements GuestInfoStore {

    final Map<String, String> entries = new ConcurrentHashMap<>();
    final BlockingQueue<String> writes = new LinkedBlockingQueue<>();

    MapGuestInfoStore(Map<String, String> initial) {
        entries.putAll(initial);
    }

    @Override
    public Map<String, String> guestInfo() {
        return Map.copyOf(entries);
    }

    @Override
    public void setGuestInfo(String key, String value) {
        if (value.isEmpty()) {
            entries.remove(key);
        } else {
            entries.put(key, value);
        }
        writes.add(key + "=" + value);
    }
}
