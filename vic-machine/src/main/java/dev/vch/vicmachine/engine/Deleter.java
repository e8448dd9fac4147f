package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code vic-machine delete}: containerVMs, the appliance, the VCH's datastore folder (images
 * included), its resource pool or vApp and the bridge portgroup it created; volume stores only
 * with --force. Refuses while containers run unless --force.
 */
public final class Deleter {

  private final VsphereClient vc;
  private final PrintStream out;

  public Deleter(VsphereClient vc, PrintStream out) {
    this.vc = vc;
    this.out = out;
  }

  public void delete(Vch v, ComputeResource compute, boolean force) {
    List<VmInfo> containers = vc.vms().in(v.pool()).stream()
        .filter(vm -> !vm.ref().equals(v.appliance().ref())).toList();
    long running = containers.stream().filter(VmInfo::poweredOn).count();
    if (running > 0 && !force) {
      throw new VicMachineException(Kind.CONFLICT, "VCH " + v.name() + " has " + running
          + " running container(s); stop them first or use --force");
    }
    for (VmInfo c : containers) {
      out.println("Removing container VM " + c.name());
      if (c.poweredOn()) {
        vc.vms().powerOff(c.ref());
      }
      vc.vms().destroy(c.ref());
    }
    out.println("Removing appliance VM " + v.appliance().name());
    if (vc.vms().info(v.appliance().ref()).poweredOn()) {
      vc.vms().powerOff(v.appliance().ref());
    }
    vc.vms().destroy(v.appliance().ref());
    VchConfig c = v.config();
    for (String store : c.imageStores()) {
      deleteStore(v, store, "image store");
    }
    if (force) {
      c.volumeStores().forEach((label, url) -> deleteStore(v, url, "volume store " + label));
    } else if (!c.volumeStores().isEmpty()) {
      out.println("Keeping volume stores " + c.volumeStores().keySet() + " (use --force to remove them)");
    }
    if (v.pool() != null && (v.pool().type().equals("VirtualApp") || v.pool().type().equals("ResourcePool"))
        && !v.pool().equals(compute.rootPool())) {
      out.println("Removing " + (v.pool().type().equals("VirtualApp") ? "vApp " : "resource pool ") + v.poolPath());
      vc.vms().destroy(v.pool());
    }
    if (c.network() != null && c.network().bridgeCreated()) {
      for (Host h : vc.inventory().hosts(compute)) {
        if (vc.hosts().portgroups(h).contains(c.network().bridgeNetwork())) {
          out.println("Removing portgroup " + c.network().bridgeNetwork() + " from " + h.name());
          vc.hosts().removePortgroup(h, c.network().bridgeNetwork());
        }
      }
    }
    out.println("Completed successfully");
  }

  /** {@code ds://[datastore]/path} */
  private void deleteStore(Vch v, String url, String what) {
    java.util.regex.Matcher m = java.util.regex.Pattern.compile("ds://\\[([^]]+)\\]/?(.*)").matcher(url);
    if (!m.matches() || m.group(2).isBlank()) {
      out.println("WARN: not removing " + what + " with unexpected location " + url);
      return;
    }
    try {
      out.println("Removing " + what + " [" + m.group(1) + "] " + m.group(2));
      vc.files().delete(v.datacenter(), m.group(1), m.group(2));
    } catch (VsphereException e) {
      if (e.kind() != VsphereException.Kind.NOT_FOUND) {
        throw e;
      }
    }
  }
}
