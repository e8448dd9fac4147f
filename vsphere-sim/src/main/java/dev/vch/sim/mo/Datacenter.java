package dev.vch.sim.mo;

import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.MoRef;
import java.util.List;

/** Datacenter: its four folders, datastores and networks. */
public final class Datacenter extends ManagedEntity {
    public Datacenter(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static Datacenter create(Sim sim, String id, String name, MoRef parent) {
        Datacenter dc = new Datacenter(sim, new MoRef("Datacenter", id));
        dc.init(name, parent);
        boolean esx = id.startsWith("ha-");
        Folder vm = Folder.create(sim, esx ? "ha-folder-vm" : null, "vm", dc.ref(), "Folder", "VirtualMachine", "VirtualApp");
        Folder host = Folder.create(sim, esx ? "ha-folder-host" : sim.inventory().newId("group-h"), "host", dc.ref(),
                "Folder", "ComputeResource");
        Folder ds = Folder.create(sim, esx ? "ha-folder-datastore" : sim.inventory().newId("group-s"), "datastore", dc.ref(),
                "Folder", "Datastore", "StoragePod");
        Folder net = Folder.create(sim, esx ? "ha-folder-network" : sim.inventory().newId("group-n"), "network", dc.ref(),
                "Folder", "Network", "DistributedVirtualSwitch");
        dc.props.put("vmFolder", vm.ref());
        dc.props.put("hostFolder", host.ref());
        dc.props.put("datastoreFolder", ds.ref());
        dc.props.put("networkFolder", net.ref());
        dc.props.put("datastore", ArrayOf.of("ManagedObjectReference"));
        dc.props.put("network", ArrayOf.of("ManagedObjectReference"));
        return sim.inventory().add(dc);
    }

    @Override
    public List<MoRef> children() {
        return List.of(ref("vmFolder"), ref("hostFolder"), ref("datastoreFolder"), ref("networkFolder"));
    }

    public MoRef ref(String folder) {
        return (MoRef) props.get(folder);
    }

    public Folder folder(String prop) {
        return (Folder) sim.inventory().get(ref(prop));
    }

    public void addDatastore(MoRef ds) {
        addRef("datastore", ds);
        folder("datastoreFolder").addChild(ds);
    }

    public void addNetwork(MoRef net) {
        addRef("network", net);
        folder("networkFolder").addChild(net);
    }

    public void removeNetwork(MoRef net) {
        removeRef("network", net);
        folder("networkFolder").removeChild(net);
    }
}
