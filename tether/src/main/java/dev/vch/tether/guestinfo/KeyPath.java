package dev.vch.tether.guestinfo;

import java.util.ArrayList;
import java.util.List;

/**
 * A key under construction: its segments plus the scope flags inherited from the components on
 * the way down. VIC renders the whole key with one separator chosen by scope: {@code /} for keys the
 * guest only reads, {@code .} for keys the guest writes back.
 */
record KeyPath(List<String> segments, boolean guestWritable, boolean secret) {

    static final KeyPath ROOT = new KeyPath(List.of(), false, false);

    KeyPath child(String segment, boolean writable, boolean isSecret) {
        List<String> next = new ArrayList<>(segments.size() + 1);
        next.addAll(segments);
        next.add(segment);
        return new KeyPath(List.copyOf(next), guestWritable || writable, secret || isSecret);
    }

    /** This path with {@code suffix} appended to its last segment ({@code |key}, {@code |3}, {@code ~}). */
    KeyPath suffixed(String suffix) {
        if (segments.isEmpty()) {
            throw new IllegalStateException("the root has no segment to suffix");
        }
        List<String> next = new ArrayList<>(segments);
        next.set(next.size() - 1, next.getLast() + suffix);
        return new KeyPath(List.copyOf(next), guestWritable, secret);
    }

    String render(String prefix) {
        String sep = guestWritable ? "." : "/";
        return prefix + sep + String.join(sep, segments);
    }
}
