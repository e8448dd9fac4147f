package dev.vch.sim.runtime;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * Everything the runtime needs to start one VM, taken from the VM's config at power-on.
 *
 * @param vmId unique, stable id of the VM (the moref value or its uuid); it is put on the qemu
 *     command line so that {@link VmRuntimes#reattach} can recognise the process after a restart
 * @param name display name (logs, qemu {@code -name})
 * @param workDir a directory the runtime may write to for this VM (sockets, fw_cfg file, logs)
 * @param cdromIso the ISO in the CD-ROM, or null
 */
public record VmLaunch(String vmId, String name, Path workDir, int cpus, long memoryMb,
        Path cdromIso, List<DiskAttachment> disks, List<NicAttachment> nics,
        List<SerialAttachment> serials, GuestInfoStore guestInfo) {

    public VmLaunch {
        Objects.requireNonNull(vmId, "vmId");
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(guestInfo, "guestInfo");
        if (vmId.isBlank() || !vmId.matches("[A-Za-z0-9._:-]+")) {
            throw new IllegalArgumentException("vmId must be non-empty and use only [A-Za-z0-9._:-]: " + vmId);
        }
        if (cpus < 1) throw new IllegalArgumentException("cpus must be >= 1: " + cpus);
        if (memoryMb < 16) throw new IllegalArgumentException("memoryMb must be >= 16: " + memoryMb);
        name = name == null ? vmId : name;
        disks = disks == null ? List.of() : List.copyOf(disks);
        nics = nics == null ? List.of() : List.copyOf(nics);
        serials = serials == null ? List.of() : List.copyOf(serials);
    }
}
