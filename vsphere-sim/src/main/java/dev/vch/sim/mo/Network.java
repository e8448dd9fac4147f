package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A network: a standard portgroup seen from the inventory. VM NICs on it share one L2 segment. */
public final class Network extends ManagedEntity {
    public Network(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static Network create(Sim sim, String id, String name, MoRef parent) {
        Network n = new Network(sim, new MoRef("Network", id));
        n.init(name, parent);
        n.props.put("host", ArrayOf.of("ManagedObjectReference"));
        n.props.put("vm", ArrayOf.of("ManagedObjectReference"));
        return sim.inventory().add(n);
    }

    public void addHost(MoRef h) {
        addRef("host", h);
    }

    public void removeHost(MoRef h) {
        removeRef("host", h);
    }

    public List<MoRef> hosts() {
        return refs("host");
    }

    public void addVm(MoRef vm) {
        addRef("vm", vm);
    }

    public void removeVm(MoRef vm) {
        removeRef("vm", vm);
    }

    public List<MoRef> vms() {
        return refs("vm");
    }

    @Override
    public Object property(String name) {
        if (name.equals("summary")) {
            return DataObject.of("NetworkSummary", "network", ref(), "name", name(), "accessible", true, "ipPoolName", "");
        }
        return super.property(name);
    }

    @Override
    public Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.add("summary");
        return names;
    }

    @Override
    protected void destroy(CallContext ctx) {
        if (!vms().isEmpty()) throw VimFault.resourceInUse(name(), "The network " + name() + " is in use by virtual machines");
        throw VimFault.notSupported("Remove the portgroup " + name() + " with HostNetworkSystem.RemovePortGroup");
    }
}
