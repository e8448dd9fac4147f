package dev.vch.vicmachine.engine;

import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.vch.VchConfig;

/** A VCH found on the target: its appliance VM, decoded configuration and resource pool path. */
public record Vch(VmInfo appliance, VchConfig config, MoRef pool, String poolPath, Datacenter datacenter) {

  public String id() {
    return appliance.ref().value();
  }

  public String name() {
    return config.name() != null ? config.name() : appliance.name();
  }
}
