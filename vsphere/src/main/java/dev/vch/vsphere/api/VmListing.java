package dev.vch.vsphere.api;

import java.util.List;
import java.util.Map;

/** Every VM of a datacenter with the inventory paths of the pools (and vApps) they are in. */
public record VmListing(List<VmInfo> vms, Map<MoRef, String> poolPaths) {
  public VmListing {
    vms = List.copyOf(vms);
    poolPaths = Map.copyOf(poolPaths);
  }
}
