package dev.vch.vsphere.api;

/** A resource pool or vApp ({@code ref.type()} says which) with its inventory path. */
public record ResourcePoolInfo(MoRef ref, String name, String path, MoRef parent) {
  public boolean isVApp() {
    return "VirtualApp".equals(ref.type());
  }
}
