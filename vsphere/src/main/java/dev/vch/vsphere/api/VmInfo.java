package dev.vch.vsphere.api;

import java.util.Map;

/** What the installer reads of a VM: identity, placement, power, address and extraConfig. */
public record VmInfo(MoRef ref, String name, String powerState, String ipAddress, MoRef resourcePool,
    String vmPathName, Map<String, String> extraConfig) {
  public VmInfo {
    extraConfig = extraConfig == null ? Map.of() : Map.copyOf(extraConfig);
  }

  public boolean poweredOn() {
    return "poweredOn".equals(powerState);
  }
}
