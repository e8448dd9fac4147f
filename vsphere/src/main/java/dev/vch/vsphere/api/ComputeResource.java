package dev.vch.vsphere.api;

import java.util.List;

/**
 * Where VMs run: a cluster or a standalone host, and the resource pool the user chose in it
 * ({@code pool} is the compute resource's root pool unless a pool path was given).
 */
public record ComputeResource(MoRef ref, String name, String path, boolean cluster, List<MoRef> hosts,
    MoRef rootPool, MoRef pool, Datacenter datacenter) {
  public ComputeResource {
    hosts = List.copyOf(hosts);
  }
}
