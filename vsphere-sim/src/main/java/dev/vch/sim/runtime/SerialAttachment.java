package dev.vch.sim.runtime;

import java.nio.file.Path;

/**
 * A virtual serial port. Exactly one of {@code uri} or {@code file} is set.
 *
 * @param index the port's index among the VM's serial ports, from 0 (guest sees {@code vsphere.serial<index>})
 * @param uri a network backing {@code tcp://host:port} (client: qemu connects there), or null
 * @param direction {@code client} (the only one supported for URI backings) or {@code server}
 * @param file a file backing: the port's output is appended there, or null
 */
public record SerialAttachment(int index, String uri, String direction, Path file) {
    public SerialAttachment {
        if (index < 0) throw new IllegalArgumentException("serial index must be >= 0: " + index);
        if ((uri == null) == (file == null)) {
            throw new IllegalArgumentException("serial port " + index + " needs exactly one of uri or file");
        }
    }
}
