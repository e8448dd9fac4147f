package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;

/** {@code [datastore] path} strings. */
public final class DatastorePaths {
    private DatastorePaths() {
    }

    public static String of(String datastore, String path) {
        return "[" + datastore + "] " + path;
    }

    public static String datastore(String dsPath) {
        int close = dsPath.indexOf(']');
        if (!dsPath.startsWith("[") || close < 0) {
            throw PortLayerException.invalid("not a datastore path: " + dsPath);
        }
        return dsPath.substring(1, close);
    }

    /** The path inside the datastore; INVALID when it is on another datastore. */
    public static String relative(String dsPath, String datastore) {
        if (!datastore(dsPath).equals(datastore)) {
            throw PortLayerException.invalid("disk " + dsPath + " is not on datastore " + datastore);
        }
        return dsPath.substring(dsPath.indexOf(']') + 1).trim();
    }
}
