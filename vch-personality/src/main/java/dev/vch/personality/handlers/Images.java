package dev.vch.personality.handlers;

import java.util.regex.Pattern;

/** How image references from the client are handed to the port layer. */
final class Images {
    static final Pattern ID = Pattern.compile("^(sha256:)?[0-9a-f]{12,64}$");

    private Images() {
    }

    /** Ids (full or 12+ hex prefix) pass as they are; names are normalised. */
    static String ref(String nameOrId) {
        if (ID.matcher(nameOrId).matches()) {
            return nameOrId;
        }
        return ImageReference.parse(nameOrId).normalized();
    }
}
