package dev.vch.vicmachine.engine;

import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * {@code vic-machine configure}: rewrites a VCH's configuration in its appliance's extraConfig.
 * Keys the new configuration no longer has are removed (set empty), so shrinking a list or map
 * leaves nothing stale. A running appliance is restarted so that it reads the new configuration.
 */
public final class Configurer {

  private final VsphereClient vc;
  private final PrintStream out;

  public Configurer(VsphereClient vc, PrintStream out) {
    this.vc = vc;
    this.out = out;
  }

  /** The entries that turn {@code old} into {@code now}: changed and new keys, and removed keys set empty. */
  static Map<String, String> changes(Map<String, String> old, Map<String, String> now) {
    Map<String, String> change = new HashMap<>();
    now.forEach((k, val) -> {
      if (!val.equals(old.get(k))) {
        change.put(k, val);
      }
    });
    old.keySet().forEach(k -> {
      if (!now.containsKey(k)) {
        change.put(k, "");
      }
    });
    return change;
  }

  public void apply(Vch v, VchConfig updated, Duration timeout) {
    Map<String, String> change = changes(v.config().toExtraConfig(), updated.toExtraConfig());
    if (change.isEmpty()) {
      out.println("VCH " + v.name() + ": nothing changed");
      return;
    }
    UpdateInProgress.around(vc, v, out, () -> {
      out.println("Updating the configuration of VCH " + v.name() + " (" + change.size() + " key(s))");
      vc.vms().setExtraConfig(v.appliance().ref(), change);
      if (vc.vms().info(v.appliance().ref()).poweredOn()) {
        out.println("Restarting the appliance so that it reads the new configuration");
        vc.vms().powerOff(v.appliance().ref());
        vc.vms().powerOn(v.appliance().ref());
        String ip = vc.vms().waitForIp(v.appliance().ref(), timeout);
        out.println("Appliance IP address: " + ip);
      }
      return null;
    });
    out.println("Completed successfully");
  }
}
