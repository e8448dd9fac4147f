package dev.vch.sim.core;

import dev.vch.sim.mo.ComputeResource;
import dev.vch.sim.mo.CustomFieldsManager;
import dev.vch.sim.mo.Datacenter;
import dev.vch.sim.mo.Datastore;
import dev.vch.sim.mo.Folder;
import dev.vch.sim.mo.HostDatastoreBrowser;
import dev.vch.sim.mo.HostFirewallSystem;
import dev.vch.sim.mo.HostNetworkSystem;
import dev.vch.sim.mo.HostSystem;
import dev.vch.sim.mo.Network;
import dev.vch.sim.mo.OptionManager;
import dev.vch.sim.mo.ResourcePool;
import dev.vch.sim.mo.VirtualMachine;
import dev.vch.sim.vim.MoRef;

/** Recreates persisted objects by type when the state directory is read back. */
final class MoFactory {
    private MoFactory() {
    }

    static ManagedObject create(Sim sim, MoRef ref) {
        return switch (ref.type()) {
            case "Folder" -> new Folder(sim, ref);
            case "Datacenter" -> new Datacenter(sim, ref);
            case "ComputeResource", "ClusterComputeResource" -> new ComputeResource(sim, ref);
            case "HostSystem" -> new HostSystem(sim, ref);
            case "ResourcePool", "VirtualApp" -> new ResourcePool(sim, ref);
            case "VirtualMachine" -> new VirtualMachine(sim, ref);
            case "Datastore" -> new Datastore(sim, ref);
            case "Network" -> new Network(sim, ref);
            case "HostDatastoreBrowser" -> new HostDatastoreBrowser(sim, ref);
            case "HostFirewallSystem" -> new HostFirewallSystem(sim, ref);
            case "HostNetworkSystem" -> new HostNetworkSystem(sim, ref);
            case "CustomFieldsManager" -> new CustomFieldsManager(sim, ref);
            case "OptionManager" -> new OptionManager(sim, ref);
            default -> throw new IllegalArgumentException("unknown persisted type " + ref.type());
        };
    }
}
