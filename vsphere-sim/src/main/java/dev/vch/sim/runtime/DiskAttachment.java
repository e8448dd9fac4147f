package dev.vch.sim.runtime;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A virtual disk on a controller.
 *
 * @param controller {@code pvscsi}, {@code lsilogic}, {@code lsilogic-sas}, {@code buslogic},
 *     {@code ide}, {@code sata}/{@code ahci} or {@code nvme}
 * @param bus the controller's bus number (scsi controller key order; 0..3)
 * @param unit the unit number on that controller
 */
public record DiskAttachment(Path vmdk, String controller, int bus, int unit) {
    public DiskAttachment {
        Objects.requireNonNull(vmdk, "vmdk");
        Objects.requireNonNull(controller, "controller");
    }
}
