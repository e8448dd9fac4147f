package dev.vch.portlayer.vm;

import java.util.Map;

/**
 * A VM as the port layer reads it back: its handle (the managed object id), display name,
 * power state and extraConfig.
 */
public record VmRecord(String handle, String name, boolean poweredOn, Map<String, String> extraConfig) {
    public VmRecord {
        extraConfig = extraConfig == null ? Map.of() : Map.copyOf(extraConfig);
    }
}
