package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.FirewallRuleset;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.VsphereClient;
import java.io.PrintStream;
import java.util.List;

/**
 * {@code update firewall --allow|--deny}: enables or disables the {@code vic-engine} ruleset (or
 * {@code vSPC} on hosts without it) on every host of the compute resource.
 */
public final class FirewallUpdater {

  private final VsphereClient vc;
  private final PrintStream out;

  public FirewallUpdater(VsphereClient vc, PrintStream out) {
    this.vc = vc;
    this.out = out;
  }

  public void update(ComputeResource cr, boolean allow) {
    List<Host> hosts = vc.inventory().hosts(cr);
    if (hosts.isEmpty()) {
      throw new VicMachineException(Kind.NOT_FOUND, "--compute-resource: " + cr.path() + " has no hosts");
    }
    for (Host h : hosts) {
      List<FirewallRuleset> rs = vc.hosts().rulesets(h);
      String key = rs.stream().anyMatch(r -> r.key().equals("vic-engine")) ? "vic-engine"
          : rs.stream().anyMatch(r -> r.key().equals("vSPC")) ? "vSPC" : null;
      if (key == null) {
        throw new VicMachineException(Kind.UNSUPPORTED_TARGET, "host " + h.name()
            + " has neither the vic-engine nor the vSPC firewall ruleset");
      }
      vc.hosts().setRuleset(h, key, allow);
      out.println((allow ? "Enabled" : "Disabled") + " firewall ruleset " + key + " on host " + h.name());
    }
    out.println(allow ? "Firewall changes complete: outgoing serial connections are allowed"
        : "Firewall changes complete: outgoing serial connections are denied");
  }
}
