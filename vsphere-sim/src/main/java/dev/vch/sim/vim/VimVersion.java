package dev.vch.sim.vim;

import java.util.List;

/**
 * An API version as a client asks for it in {@code SOAPAction: urn:vim25/<version>}. Responses
 * never carry a property or type newer than it.
 */
public record VimVersion(int major, int minor) implements Comparable<VimVersion> {
    /** What the endpoint offers, newest first (also listed in /sdk/vimServiceVersions.xml). */
    public static final List<VimVersion> SUPPORTED = List.of(
            new VimVersion(6, 5), new VimVersion(6, 0), new VimVersion(5, 5), new VimVersion(5, 1), new VimVersion(5, 0));
    public static final VimVersion NEWEST = SUPPORTED.getFirst();
    /** What an empty or missing SOAPAction means. */
    public static final VimVersion BASE = SUPPORTED.getLast();

    /** From a SOAPAction header value: quoted or not, {@code urn:vim25/5.1}; anything unreadable is the base version. */
    public static VimVersion fromSoapAction(String header) {
        if (header == null) return BASE;
        String h = header.trim();
        if (h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")) h = h.substring(1, h.length() - 1).trim();
        int slash = h.lastIndexOf('/');
        if (!h.startsWith("urn:vim25") || slash < 0) return BASE;
        VimVersion v = parse(h.substring(slash + 1));
        if (v == null) return BASE;
        if (v.compareTo(NEWEST) > 0) return NEWEST;
        if (v.compareTo(BASE) < 0) return BASE;
        return v;
    }

    /** "5.1", "6.0.3" (extra parts ignored); null when not a version. */
    public static VimVersion parse(String s) {
        String[] parts = s.trim().split("\\.");
        try {
            int major = Integer.parseInt(parts[0]);
            int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
            return new VimVersion(major, minor);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public boolean atLeast(VimVersion other) {
        return compareTo(other) >= 0;
    }

    @Override
    public int compareTo(VimVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
