package dev.vch.tether.config;

import dev.vch.tether.guestinfo.Key;
import java.util.List;

/**
 * A volume the tether mounts ({@code volumes|<volume name>}).
 *
 * @param label the ext4 label of the volume disk's filesystem (how the tether finds the device)
 * @param path the mount point inside the container
 * @param readOnly mount read-only
 * @param options extra mount data, e.g. {@code noatime}
 */
public record MountSpec(@Key("label") String label, @Key("path") String path, @Key("ro") boolean readOnly,
        @Key("options") List<String> options) {

    public MountSpec {
        options = options == null ? List.of() : List.copyOf(options);
    }
}
