package dev.vch.vsphere.api;

import java.util.List;
import java.util.Map;

/**
 * A VM to create: placed in {@code datastore}'s folder named like the VM, CD-ROMs from datastore
 * paths ({@code [ds] dir/x.iso}), vmxnet3 NICs, network serial ports ({@code tcp://host:port},
 * client end), an optional pvscsi disk, and extraConfig.
 *
 * @param diskSizeMB the new disk's size; 0 for no disk
 * @param parentDisk {@code [ds] dir/x.vmdk}: the new disk is a copy-on-write child (delta disk) of
 *                   this one, as VIC's container disks are of their image's; null for a plain disk
 */
public record VmSpec(String name, String guestId, int cpus, long memoryMB, String datastore,
    List<String> isoPaths, List<MoRef> networks, List<String> serialUris, long diskSizeMB,
    Map<String, String> extraConfig, String annotation, String parentDisk) {
  public VmSpec {
    if (name == null || name.isBlank()) {
      throw new VsphereException(VsphereException.Kind.INVALID, "a VM needs a name");
    }
    if (cpus < 1 || memoryMB < 4) {
      throw new VsphereException(VsphereException.Kind.INVALID,
          "a VM needs at least 1 CPU and 4 MB of memory (got " + cpus + " CPU, " + memoryMB + " MB)");
    }
    guestId = guestId == null ? "otherGuest64" : guestId;
    isoPaths = isoPaths == null ? List.of() : List.copyOf(isoPaths);
    networks = networks == null ? List.of() : List.copyOf(networks);
    serialUris = serialUris == null ? List.of() : List.copyOf(serialUris);
    extraConfig = extraConfig == null ? Map.of() : Map.copyOf(extraConfig);
    if (parentDisk != null && diskSizeMB <= 0) {
      throw new VsphereException(VsphereException.Kind.INVALID,
          "a child of disk " + parentDisk + " needs a size (at least the parent's)");
    }
  }

  /** A VM without a child disk. */
  public VmSpec(String name, String guestId, int cpus, long memoryMB, String datastore, List<String> isoPaths,
      List<MoRef> networks, List<String> serialUris, long diskSizeMB, Map<String, String> extraConfig,
      String annotation) {
    this(name, guestId, cpus, memoryMB, datastore, isoPaths, networks, serialUris, diskSizeMB, extraConfig,
        annotation, null);
  }
}
