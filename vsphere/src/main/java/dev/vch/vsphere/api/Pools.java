package dev.vch.vsphere.api;

import com.vmware.vim25.ResourceAllocationInfo;
import com.vmware.vim25.ResourceConfigSpec;
import com.vmware.vim25.SharesInfo;
import com.vmware.vim25.SharesLevel;
import com.vmware.vim25.VAppConfigSpec;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;

/** Resource pools and vApps (the VCH's home: a vApp on vCenter, a resource pool on ESXi). */
public final class Pools {

  private final Session session;

  Pools(Session session) {
    this.session = session;
  }

  /** Creates a child resource pool; limits are MHz / MB, -1 = unlimited. */
  public MoRef createPool(MoRef parent, String name, long cpuLimitMhz, long memoryLimitMb) {
    ResourceConfigSpec spec = spec(cpuLimitMhz, memoryLimitMb);
    return Props.ref(session.call("create resource pool '" + name + "'",
        v -> v.createResourcePool(Props.mor(parent), name, spec)));
  }

  /** Creates a vApp (vCenter only) whose VMs are listed in {@code vmFolder}. */
  public MoRef createVApp(MoRef parent, String name, MoRef vmFolder, long cpuLimitMhz, long memoryLimitMb) {
    ResourceConfigSpec spec = spec(cpuLimitMhz, memoryLimitMb);
    return Props.ref(session.call("create vApp '" + name + "'",
        v -> v.createVApp(Props.mor(parent), name, spec, new VAppConfigSpec(), Props.mor(vmFolder))));
  }

  static ResourceConfigSpec spec(long cpuLimitMhz, long memoryLimitMb) {
    ResourceConfigSpec spec = new ResourceConfigSpec();
    spec.setCpuAllocation(allocation(cpuLimitMhz));
    spec.setMemoryAllocation(allocation(memoryLimitMb));
    return spec;
  }

  private static ResourceAllocationInfo allocation(long limit) {
    ResourceAllocationInfo a = new ResourceAllocationInfo();
    a.setReservation(0L);
    a.setExpandableReservation(true);
    a.setLimit(limit <= 0 ? -1L : limit);
    SharesInfo shares = new SharesInfo();
    shares.setLevel(SharesLevel.normal);
    shares.setShares(0);
    a.setShares(shares);
    return a;
  }
}
