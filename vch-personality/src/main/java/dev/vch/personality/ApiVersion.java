package dev.vch.personality;

/** A Docker API version "major.minor", ordered numerically (1.9 < 1.10). */
public record ApiVersion(int major, int minor) implements Comparable<ApiVersion> {

    /** Parses "1.44"; throws IllegalArgumentException on anything else. */
    public static ApiVersion parse(String text) {
        int dot = text.indexOf('.');
        if (dot <= 0 || dot == text.length() - 1 || text.length() > 11) {
            throw new IllegalArgumentException("invalid API version: " + text);
        }
        try {
            int major = Integer.parseInt(text, 0, dot, 10);
            int minor = Integer.parseInt(text, dot + 1, text.length(), 10);
            if (major < 0 || minor < 0) {
                throw new IllegalArgumentException("invalid API version: " + text);
            }
            return new ApiVersion(major, minor);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("invalid API version: " + text, e);
        }
    }

    public boolean atLeast(String other) {
        return compareTo(parse(other)) >= 0;
    }

    @Override
    public int compareTo(ApiVersion o) {
        return major != o.major ? Integer.compare(major, o.major) : Integer.compare(minor, o.minor);
    }

    @Override
    public String toString() {
        return major + "." + minor;
    }
}
