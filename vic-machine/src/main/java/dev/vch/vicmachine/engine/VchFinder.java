package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VmListing;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds VCHs: every VM below the compute resources' root pools whose extraConfig carries a VCH
 * configuration. One property-collector traversal per compute resource, one bulk path read.
 */
public final class VchFinder {

  private static final Logger log = LoggerFactory.getLogger(VchFinder.class);

  private final VsphereClient vc;

  public VchFinder(VsphereClient vc) {
    this.vc = vc;
  }

  public List<Vch> list(Datacenter dc, String computeResource) {
    List<VmInfo> vms;
    Map<MoRef, String> paths;
    if (computeResource == null) {
      VmListing listing = vc.vms().listing(dc);
      vms = listing.vms();
      paths = listing.poolPaths();
    } else {
      vms = vc.vms().below(vc.inventory().computeResource(dc, computeResource).pool());
      Set<MoRef> pools = new LinkedHashSet<>();
      vms.forEach(v -> {
        if (v.resourcePool() != null && VchConfig.isVch(v.extraConfig())) {
          pools.add(v.resourcePool());
        }
      });
      paths = vc.inventory().paths(pools);
    }
    List<Vch> out = new ArrayList<>();
    for (VmInfo a : vms) {
      if (!VchConfig.isVch(a.extraConfig())) {
        continue;
      }
      try {
        out.add(new Vch(a, VchConfig.fromExtraConfig(a.extraConfig()), a.resourcePool(),
            paths.getOrDefault(a.resourcePool(), ""), dc));
      } catch (RuntimeException e) {
        // a VCH whose configuration this version cannot read is left out, with a warning
        log.warn("cannot read the configuration of {} ({}): {}", a.name(), a.ref().value(), e.getMessage());
      }
    }
    return out;
  }

  /** The VCH with this id, or else this name; NOT_FOUND names what was looked for. */
  public Vch find(Datacenter dc, String computeResource, String name, String id) {
    List<Vch> all = list(dc, computeResource);
    for (Vch v : all) {
      if (id != null ? v.id().equals(id) : v.name().equals(name)) {
        return v;
      }
    }
    throw new VicMachineException(Kind.NOT_FOUND, (id != null ? "no VCH with id " + id : "no VCH named '" + name + "'")
        + " found in datacenter '" + dc.name() + "'" + (all.isEmpty() ? "" : "; VCHs there: "
        + all.stream().map(Vch::name).toList()));
  }

  /** The datacenter named in --target, or the only one. */
  public static Datacenter datacenter(VsphereClient vc, Target target) {
    return vc.inventory().datacenter(target.datacenter());
  }

  /** Compute resources to search: a given path, or all of them. */
  public List<ComputeResource> computeResources(Datacenter dc, String path) {
    if (path != null) {
      return List.of(vc.inventory().computeResource(dc, path));
    }
    List<ComputeResource> out = new ArrayList<>();
    for (String p : vc.inventory().computeResourcePaths(dc)) {
      out.add(vc.inventory().computeResource(dc, p));
    }
    return out;
  }
}
