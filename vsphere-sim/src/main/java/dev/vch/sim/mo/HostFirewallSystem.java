package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;

/** A host's firewall: rulesets (incl. vic-engine, vSPC, remoteSerialPort) and the default policy. */
public final class HostFirewallSystem extends ManagedObject {
    public HostFirewallSystem(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static HostFirewallSystem create(Sim sim, String id) {
        HostFirewallSystem fw = new HostFirewallSystem(sim, new MoRef("HostFirewallSystem", id));
        ArrayOf rulesets = ArrayOf.of("HostFirewallRuleset");
        rulesets.items().add(ruleset("sshServer", "SSH Server", 22, "inbound", true));
        rulesets.items().add(ruleset("httpClient", "httpClient", 80, "outbound", true));
        rulesets.items().add(ruleset("remoteSerialPort", "VM serial port connected over network", 0, "outbound", false));
        rulesets.items().add(ruleset("vSPC", "VM serial port connected to vSPC", 0, "outbound", false));
        rulesets.items().add(ruleset("vic-engine", "VIC Engine", 2377, "outbound", false));
        fw.props.put("firewallInfo", DataObject.of("HostFirewallInfo",
                "defaultPolicy", DataObject.of("HostFirewallDefaultPolicy", "incomingBlocked", true, "outgoingBlocked", true),
                "ruleset", rulesets));
        return sim.inventory().add(fw);
    }

    private static DataObject ruleset(String key, String label, int port, String direction, boolean enabled) {
        DataObject rule = DataObject.of("HostFirewallRule", "port", port, "direction", new EnumValue("HostFirewallRuleDirection", direction),
                "portType", new EnumValue("HostFirewallRulePortType", "dst"), "protocol", "tcp");
        return DataObject.of("HostFirewallRuleset", "key", key, "label", label, "required", false,
                "rule", ArrayOf.of("HostFirewallRule", java.util.List.of(rule)), "enabled", enabled,
                "allowedHosts", DataObject.of("HostFirewallRulesetIpList", "allIp", true));
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private DataObject info() {
        return (DataObject) props.get("firewallInfo");
    }

    public DataObject ruleset(String id) {
        for (Object o : ((ArrayOf) info().get("ruleset")).items()) {
            DataObject r = (DataObject) o;
            if (r.str("key").equals(id)) return r;
        }
        throw VimFault.notFound("No firewall ruleset with id " + id);
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        switch (method) {
            case "EnableRuleset", "DisableRuleset" -> ruleset(Args.requiredText(args, "id")).put("enabled", method.startsWith("Enable"));
            case "UpdateDefaultPolicy" -> {
                DataObject p = Args.data(args, "defaultPolicy");
                if (p == null) throw VimFault.invalidArgument("defaultPolicy");
                DataObject cur = info().obj("defaultPolicy");
                if (p.get("incomingBlocked") != null) cur.put("incomingBlocked", p.bool("incomingBlocked", true));
                if (p.get("outgoingBlocked") != null) cur.put("outgoingBlocked", p.bool("outgoingBlocked", true));
            }
            case "RefreshFirewall" -> {
                // the rulesets live in memory and on disk already: nothing to reload
            }
            default -> {
                return super.invoke(method, args, ctx);
            }
        }
        touch();
        return null;
    }
}
