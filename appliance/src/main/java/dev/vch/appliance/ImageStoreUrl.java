package dev.vch.appliance;

import dev.vch.appliance.ApplianceException.Kind;

/** The image store URL of the VCH configuration, {@code ds://[datastore]/path}, as vic-machine writes it. */
final class ImageStoreUrl {
    private ImageStoreUrl() {
    }

    /** {@code ds://[datastore]/path} to (datastore, path). */
    static String[] parse(String url) {
        if (url == null || !url.startsWith("ds://[") || url.indexOf(']') < 0) {
            throw new ApplianceException(Kind.CONFIG, "image store URL must be ds://[datastore]/path, got " + url);
        }
        int close = url.indexOf(']');
        String path = url.substring(close + 1).replaceAll("^/+", "");
        return new String[] {url.substring(6, close), path};
    }
}
