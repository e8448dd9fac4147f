package dev.vch.vicmachine.it;

import dev.vch.tether.config.Common;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.DatastoreFiles;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Puts a VCH on the endpoint the way create leaves one (pool, datastore folder, appliance VM with
 * its configuration in extraConfig), through the vSphere client, without booting anything: the
 * benchmark plants many VCHs this way for ls.
 */
public final class VchFixture {

  private VchFixture() {}

  /** Plants VCH {@code name} in {@code computeResource}; powers it on when asked. */
  public static MoRef plant(VsphereClient vc, String computeResource, String name, Path applianceIso, boolean powerOn) {
    {
      Datacenter dc = vc.inventory().datacenter(null);
      ComputeResource cr = vc.inventory().computeResource(dc, computeResource);
      String ds = vc.inventory().datastores(dc).get(0).name();
      MoRef pool = vc.pools().createPool(cr.pool(), name, -1, -1);
      vc.files().mkdir(dc, ds, name);
      vc.files().upload(dc, ds, name + "/appliance.iso", applianceIso);
      VchConfig config = new VchConfig(Common.of(null, name), "0.1.0", Instant.ofEpochSecond(1_700_000_000L),
          computeResource, new VchConfig.VchTarget(vc.target().sdkUrl().toString(), vc.target().user(),
              vc.target().password(), vc.target().thumbprint(), dc.name(), pool.value(), pool.type(), dc.vmFolder().value(), ds),
          DatastoreFiles.path(ds, name + "/bootstrap.iso"), List.of("ds://[" + ds + "]/" + name), Map.of(),
          new VchConfig.VchNetwork("VM Network", "172.16.0.0/12", false, "VM Network", null, null, Map.of(),
              List.of("10.0.0.53")),
          new VchConfig.VchTls(false, true, null, null, null), new VchConfig.VchRegistry(List.of(), null), 2, 2048,
          null, null, 0, false);
      MoRef vm = vc.vms().create(dc.vmFolder(), pool, new VmSpec(name, "other3xLinux64Guest", 1, 512, ds,
          List.of(DatastoreFiles.path(ds, name + "/appliance.iso")),
          List.of(vc.inventory().network(dc, "VM Network").ref()), List.of(), 0, config.toExtraConfig(), null));
      if (powerOn) {
        vc.vms().powerOn(vm);
      }
      return vm;
    }
  }
}
