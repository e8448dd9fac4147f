package dev.vch.vsphere.api;

import com.vmware.vim25.HostFirewallInfo;
import com.vmware.vim25.HostFirewallRuleset;
import com.vmware.vim25.HostNetworkPolicy;
import com.vmware.vim25.HostPortGroup;
import com.vmware.vim25.HostPortGroupSpec;
import com.vmware.vim25.HostVirtualSwitch;
import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import java.util.ArrayList;
import java.util.List;

/** Host firewall rulesets and standard-switch portgroups. */
public final class HostConfig {

  private final Session session;
  private final Props props;

  HostConfig(Session session, Props props) {
    this.session = session;
    this.props = props;
  }

  public List<FirewallRuleset> rulesets(Host host) {
    requireFirewall(host);
    Object info = props.get(host.firewallSystem(), "firewallInfo").get("firewallInfo");
    List<FirewallRuleset> out = new ArrayList<>();
    if (info instanceof HostFirewallInfo fi && fi.getRuleset() != null) {
      for (HostFirewallRuleset r : fi.getRuleset()) {
        out.add(new FirewallRuleset(r.getKey(), r.getLabel(), r.isEnabled()));
      }
    }
    return out;
  }

  public void setRuleset(Host host, String key, boolean enabled) {
    requireFirewall(host);
    String action = (enabled ? "enable" : "disable") + " firewall ruleset '" + key + "' on host " + host.name();
    session.call(action, v -> {
      if (enabled) {
        v.enableRuleset(Props.mor(host.firewallSystem()), key);
      } else {
        v.disableRuleset(Props.mor(host.firewallSystem()), key);
      }
      return null;
    });
  }

  private static void requireFirewall(Host host) {
    if (host.firewallSystem() == null) {
      throw new VsphereException(Kind.NOT_IMPLEMENTED, "host " + host.name() + " has no firewall system");
    }
  }

  /** Standard virtual switch names on the host. */
  public List<String> virtualSwitches(Host host) {
    Object v = props.get(host.networkSystem(), "networkInfo.vswitch").get("networkInfo.vswitch");
    List<String> out = new ArrayList<>();
    if (v instanceof HostVirtualSwitch[] arr) {
      for (HostVirtualSwitch s : arr) {
        out.add(s.getName());
      }
    } else if (v instanceof com.vmware.vim25.ArrayOfHostVirtualSwitch a && a.getHostVirtualSwitch() != null) {
      for (HostVirtualSwitch s : a.getHostVirtualSwitch()) {
        out.add(s.getName());
      }
    }
    return out;
  }

  public List<String> portgroups(Host host) {
    Object v = props.get(host.networkSystem(), "networkInfo.portgroup").get("networkInfo.portgroup");
    List<String> out = new ArrayList<>();
    HostPortGroup[] arr = v instanceof HostPortGroup[] a ? a
        : v instanceof com.vmware.vim25.ArrayOfHostPortGroup a ? a.getHostPortGroup() : null;
    if (arr != null) {
      for (HostPortGroup pg : arr) {
        out.add(pg.getSpec().getName());
      }
    }
    return out;
  }

  public void addPortgroup(Host host, String vswitch, String name, int vlan) {
    HostPortGroupSpec spec = new HostPortGroupSpec();
    spec.setName(name);
    spec.setVswitchName(vswitch);
    spec.setVlanId(vlan);
    spec.setPolicy(new HostNetworkPolicy());
    session.call("add portgroup '" + name + "' to " + vswitch + " on host " + host.name(), v -> {
      v.addPortGroup(Props.mor(host.networkSystem()), spec);
      return null;
    });
  }

  public void removePortgroup(Host host, String name) {
    session.call("remove portgroup '" + name + "' from host " + host.name(), v -> {
      v.removePortGroup(Props.mor(host.networkSystem()), name);
      return null;
    });
  }
}
