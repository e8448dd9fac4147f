package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.Datastore;
import dev.vch.vsphere.api.FirewallRuleset;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.License;
import dev.vch.vsphere.api.Network;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The checks {@code create} makes before it changes anything: compute resource, datastores,
 * networks, name not in use, host firewalls and licence. Firewall and licence failures can be
 * overridden with --force (they are reported as warnings then).
 */
final class TargetValidator {

  /** Rulesets that let a VM open an outgoing network serial connection, in order of preference. */
  static final List<String> SERIAL_RULESETS = List.of("vic-engine", "vSPC", "remoteSerialPort");

  private final VsphereClient vc;
  private final Target target;
  private final PrintStream out;

  TargetValidator(VsphereClient vc, Target target, PrintStream out) {
    this.vc = vc;
    this.target = target;
    this.out = out;
  }

  Placement validate(CreateSpec s) {
    boolean vcenter = vc.about().isVcenter();
    Datacenter dc = vc.inventory().datacenter(target.datacenter());
    ComputeResource cr;
    try {
      cr = vc.inventory().computeResource(dc, s.computeResource());
    } catch (VsphereException e) {
      throw new VicMachineException(kind(e), "--compute-resource: " + e.getMessage(), e);
    }
    List<Host> hosts = vc.inventory().hosts(cr);
    if (hosts.isEmpty()) {
      throw new VicMachineException(Kind.UNSUPPORTED_TARGET, "--compute-resource: " + cr.path() + " has no hosts");
    }
    Datastore ds = datastore(dc, s);
    for (List<String> vs : s.volumeStores().values()) {
      check("--volume-store", () -> vc.inventory().datastore(dc, vs.get(0)));
    }
    Map<String, Network> nets = new LinkedHashMap<>();
    for (Network n : vc.inventory().networks(dc)) {
      nets.put(n.name(), n);
    }
    requireNetwork(nets, "--public-network", s.publicNetwork());
    requireNetwork(nets, "--client-network", s.clientNetwork());
    requireNetwork(nets, "--management-network", s.managementNetwork());
    requireNetwork(nets, "--bridge-network", s.bridgeNetwork());
    s.containerNetworks().values().forEach(pg -> requireNetwork(nets, "--container-network", pg));
    String bridge = s.bridgeNetwork() != null ? s.bridgeNetwork() : s.name() + "-bridge";
    for (String other : new String[] {s.publicNetwork(), s.clientNetwork(), s.managementNetwork()}) {
      if (bridge.equals(other)) {
        throw VicMachineException.invalid("--bridge-network: must be a network of its own, not the public, client or"
            + " management network (\"" + bridge + "\")");
      }
    }
    nameNotInUse(dc, cr, s.name());
    firewall(hosts, s.force());
    licence(s.force());
    return new Placement(vcenter, dc, cr, hosts, ds, nets);
  }

  private Datastore datastore(Datacenter dc, CreateSpec s) {
    if (s.imageDatastore() != null) {
      return check("--image-store", () -> vc.inventory().datastore(dc, s.imageDatastore()));
    }
    List<Datastore> all = vc.inventory().datastores(dc);
    if (all.size() != 1) {
      throw VicMachineException.invalid("--image-store: required when the datacenter has "
          + (all.isEmpty() ? "no datastore" : "several datastores: " + all.stream().map(Datastore::name).toList()));
    }
    return all.get(0);
  }

  private static void requireNetwork(Map<String, Network> nets, String flag, String name) {
    if (name != null && !nets.containsKey(name)) {
      throw new VicMachineException(Kind.NOT_FOUND, flag + ": network '" + name + "' not found; the datacenter has "
          + nets.keySet());
    }
  }

  private void nameNotInUse(Datacenter dc, ComputeResource cr, String name) {
    if (vc.inventory().children(cr.pool(), "resourcePool").containsKey(name)
        || vc.inventory().children(dc.vmFolder(), "childEntity").containsKey(name)) {
      throw new VicMachineException(Kind.CONFLICT, "--name: '" + name + "' is already in use in " + cr.path()
          + " (a VCH, resource pool or VM of that name exists); choose another name or delete it first");
    }
  }

  private void firewall(List<Host> hosts, boolean force) {
    for (Host h : hosts) {
      List<FirewallRuleset> rs = vc.hosts().rulesets(h);
      boolean open = rs.stream().anyMatch(r -> r.enabled() && SERIAL_RULESETS.contains(r.key()));
      if (!open) {
        problem(force, "Firewall check failed: host " + h.name() + " does not allow outgoing serial connections"
            + " (none of " + SERIAL_RULESETS + " is enabled); run 'vic-machine update firewall --allow'");
      }
    }
  }

  private void licence(boolean force) {
    List<License> licences = vc.licenses();
    if (licences.isEmpty()) {
      out.println("WARN: the target reports no licences; skipping the licence check");
      return;
    }
    String failure = licenceProblem(licences);
    if (failure != null) {
      problem(force, failure);
    }
  }

  /**
   * Null when one of {@code licences} allows network serial ports (the {@code serialuri} feature,
   * or an evaluation licence, which has every feature), else the failure VIC reports.
   */
  static String licenceProblem(List<License> licences) {
    boolean ok = licences.stream().anyMatch(l -> l.features().stream()
        .anyMatch(f -> f.toLowerCase(Locale.ROOT).contains("serialuri"))
        || String.valueOf(l.editionKey()).toLowerCase(Locale.ROOT).contains("eval")
        || String.valueOf(l.name()).toLowerCase(Locale.ROOT).contains("evaluation"));
    return ok ? null : "License check failed: no licence on the target allows network serial ports (feature serialuri);"
        + " licences: " + licences.stream().map(License::name).toList();
  }

  private void problem(boolean force, String message) {
    if (force) {
      out.println("WARN: " + message + " (continuing because of --force)");
    } else {
      throw new VicMachineException(Kind.UNSUPPORTED_TARGET, message + "; use --force to continue anyway");
    }
  }

  private static <T> T check(String flag, java.util.function.Supplier<T> lookup) {
    try {
      return lookup.get();
    } catch (VsphereException e) {
      throw new VicMachineException(kind(e), flag + ": " + e.getMessage(), e);
    }
  }

  private static Kind kind(VsphereException e) {
    return switch (e.kind()) {
      case NOT_FOUND -> Kind.NOT_FOUND;
      case INVALID -> Kind.INVALID;
      default -> Kind.INTERNAL;
    };
  }
}
