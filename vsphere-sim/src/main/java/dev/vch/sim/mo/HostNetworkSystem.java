package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;

/** A host's standard switches and portgroups; each portgroup is also a Network in the datacenter. */
public final class HostNetworkSystem extends ManagedObject {
    public HostNetworkSystem(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static HostNetworkSystem create(Sim sim, String id, MoRef host) {
        HostNetworkSystem ns = new HostNetworkSystem(sim, new MoRef("HostNetworkSystem", id));
        ns.props.put("_host", host);
        ns.props.put("networkInfo", DataObject.of("HostNetworkInfo", "vswitch", ArrayOf.of("HostVirtualSwitch"),
                "portgroup", ArrayOf.of("HostPortGroup")));
        sim.inventory().add(ns);
        ns.addSwitch("vSwitch0", 128);
        return ns;
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private ArrayOf list(String name) {
        return (ArrayOf) ((DataObject) props.get("networkInfo")).get(name);
    }

    private DataObject find(String listName, String field, String value) {
        for (Object o : list(listName).items()) {
            DataObject d = (DataObject) o;
            if (value.equals(d.str(field))) return d;
        }
        return null;
    }

    private void addSwitch(String name, int ports) {
        if (find("vswitch", "name", name) != null) {
            throw new VimFault(DataObject.of("AlreadyExists", "name", name), "The virtual switch " + name + " already exists");
        }
        list("vswitch").items().add(DataObject.of("HostVirtualSwitch", "name", name, "key", "key-vim.host.VirtualSwitch-" + name,
                "numPorts", ports, "numPortsAvailable", ports, "mtu", 1500, "portgroup", ArrayOf.of("string"),
                "spec", DataObject.of("HostVirtualSwitchSpec", "numPorts", ports)));
        touch();
    }

    /** Adds a portgroup (and its Network); used by the inventory builder too. */
    public void addPortGroup(String name, String vswitch, int vlan) {
        DataObject sw = find("vswitch", "name", vswitch);
        if (sw == null) throw VimFault.notFound("No virtual switch " + vswitch);
        if (find("portgroup", "key", "key-vim.host.PortGroup-" + name) != null) {
            throw new VimFault(DataObject.of("AlreadyExists", "name", name), "The portgroup " + name + " already exists");
        }
        String key = "key-vim.host.PortGroup-" + name;
        list("portgroup").items().add(DataObject.of("HostPortGroup", "key", key, "vswitch", sw.str("key"),
                "spec", DataObject.of("HostPortGroupSpec", "name", name, "vlanId", vlan, "vswitchName", vswitch,
                        "policy", new DataObject("HostNetworkPolicy"))));
        ((ArrayOf) sw.get("portgroup")).items().add(key);
        touch();
        HostSystem host = (HostSystem) sim.inventory().get((MoRef) props.get("_host"));
        Datacenter dc = host.datacenter();
        Network net = null;
        for (Network n : sim.inventory().all(Network.class)) {
            if (n.name().equals(name) && n.datacenter() == dc) net = n;
        }
        if (net == null) {
            net = Network.create(sim, sim.inventory().newId("network"), name, dc.ref("networkFolder"));
            dc.addNetwork(net.ref());
        }
        net.addHost(host.ref());
        host.addNetwork(net.ref());
        if (host.parent() instanceof ComputeResource cr) cr.addRef("network", net.ref());
    }

    private void removePortGroup(String name) {
        DataObject pg = find("portgroup", "key", "key-vim.host.PortGroup-" + name);
        if (pg == null) throw VimFault.notFound("No portgroup " + name);
        HostSystem host = (HostSystem) sim.inventory().get((MoRef) props.get("_host"));
        Network net = null;
        for (Network n : sim.inventory().all(Network.class)) {
            if (n.name().equals(name) && n.datacenter() == host.datacenter()) net = n;
        }
        if (net != null) {
            for (MoRef vm : net.vms()) {
                if (sim.inventory().find(vm) instanceof VirtualMachine v && v.hostRef() != null && v.hostRef().equals(host.ref())) {
                    throw VimFault.resourceInUse(name, "The portgroup " + name + " is in use by " + v.name());
                }
            }
        }
        list("portgroup").items().remove(pg);
        for (Object o : list("vswitch").items()) ((ArrayOf) ((DataObject) o).get("portgroup")).items().remove(pg.str("key"));
        touch();
        if (net != null) {
            net.removeHost(host.ref());
            host.removeNetwork(net.ref());
            if (net.hosts().isEmpty() && net.vms().isEmpty()) {
                net.datacenter().removeNetwork(net.ref());
                for (ComputeResource cr : sim.inventory().all(ComputeResource.class)) cr.removeRef("network", net.ref());
                sim.inventory().remove(net);
            }
        }
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        switch (method) {
            case "AddVirtualSwitch" -> {
                DataObject spec = Args.data(args, "spec");
                Integer ports = spec == null ? null : spec.integer("numPorts");
                addSwitch(Args.requiredText(args, "vswitchName"), ports == null ? 128 : ports);
            }
            case "RemoveVirtualSwitch" -> {
                String name = Args.requiredText(args, "vswitchName");
                DataObject sw = find("vswitch", "name", name);
                if (sw == null) throw VimFault.notFound("No virtual switch " + name);
                if (!((ArrayOf) sw.get("portgroup")).items().isEmpty()) throw VimFault.resourceInUse(name, "The virtual switch " + name + " has portgroups");
                list("vswitch").items().remove(sw);
                touch();
            }
            case "AddPortGroup" -> {
                DataObject spec = Args.data(args, "portgrp");
                if (spec == null || spec.str("name") == null || spec.str("vswitchName") == null) throw VimFault.invalidArgument("portgrp");
                Integer vlan = spec.integer("vlanId");
                addPortGroup(spec.str("name"), spec.str("vswitchName"), vlan == null ? 0 : vlan);
            }
            case "RemovePortGroup" -> removePortGroup(Args.requiredText(args, "pgName"));
            case "RefreshNetworkSystem" -> {
                // nothing cached
            }
            default -> {
                return super.invoke(method, args, ctx);
            }
        }
        return null;
    }

}
