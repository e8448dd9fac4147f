package dev.vch.sim.core;

import dev.vch.sim.mo.ComputeResource;
import dev.vch.sim.mo.CustomFieldsManager;
import dev.vch.sim.mo.Datacenter;
import dev.vch.sim.mo.Datastore;
import dev.vch.sim.mo.EventManager;
import dev.vch.sim.mo.FileManager;
import dev.vch.sim.mo.Folder;
import dev.vch.sim.mo.GenericService;
import dev.vch.sim.mo.HostSystem;
import dev.vch.sim.mo.LicenseManager;
import dev.vch.sim.mo.OptionManager;
import dev.vch.sim.mo.PropertyCollector;
import dev.vch.sim.mo.ResourcePool;
import dev.vch.sim.mo.SearchIndex;
import dev.vch.sim.mo.ServiceInstance;
import dev.vch.sim.mo.SessionManager;
import dev.vch.sim.mo.ViewManager;
import dev.vch.sim.mo.VirtualDiskManager;
import dev.vch.sim.vim.MoRef;

/**
 * The inventory presets. {@code esx}: ha-datacenter with one host (ids as on ESXi).
 * {@code vc}: datacenter DC0 with cluster DC0_C0 of two hosts, a standalone host DC0_H0,
 * datastore LocalDS_0 on every host and the portgroup "VM Network".
 */
final class InventoryBuilder {
    private InventoryBuilder() {
    }

    static void build(Sim sim) {
        boolean vc = sim.settings().vcenter();
        Folder root = Folder.create(sim, vc ? "group-d1" : "ha-folder-root", vc ? "Datacenters" : "ha-folder-root", null, "Folder", "Datacenter");
        Datacenter dc = Datacenter.create(sim, vc ? "datacenter-2" : "ha-datacenter", vc ? "DC0" : "ha-datacenter", root.ref());
        root.addChild(dc.ref());
        Folder hostFolder = dc.folder("hostFolder");
        Datastore ds = Datastore.create(sim, vc ? "datastore-11" : "datastore1", vc ? "LocalDS_0" : "datastore1", dc.ref("datastoreFolder"));
        dc.addDatastore(ds.ref());
        if (vc) {
            ComputeResource cluster = computeResource(sim, new MoRef("ClusterComputeResource", "domain-c7"), "DC0_C0", hostFolder, "resgroup-8");
            for (int i = 0; i < 2; i++) host(sim, cluster, "host-" + (20 + i), "DC0_C0_H" + i, ds);
            ComputeResource single = computeResource(sim, new MoRef("ComputeResource", "domain-s30"), "DC0_H0", hostFolder, "resgroup-31");
            host(sim, single, "host-32", "DC0_H0", ds);
        } else {
            ComputeResource cr = computeResource(sim, new MoRef("ComputeResource", "ha-compute-res"), "localhost.localdomain", hostFolder, "ha-root-pool");
            host(sim, cr, "ha-host", "localhost.localdomain", ds);
        }
        CustomFieldsManager.create(sim);
        OptionManager.create(sim, vc ? "VpxSettings" : "HostAgentSettings");
    }

    private static ComputeResource computeResource(Sim sim, MoRef ref, String name, Folder hostFolder, String poolId) {
        ComputeResource cr = ComputeResource.create(sim, ref, name, hostFolder.ref());
        hostFolder.addChild(cr.ref());
        ResourcePool pool = ResourcePool.create(sim, new MoRef("ResourcePool", poolId), "Resources", cr.ref(), cr.ref(), null);
        cr.set("resourcePool", pool.ref());
        return cr;
    }

    private static void host(Sim sim, ComputeResource cr, String id, String name, Datastore ds) {
        HostSystem h = HostSystem.create(sim, id, name, cr.ref());
        cr.addHost(h);
        h.addDatastore(ds.ref());
        ds.mountOn(h);
        cr.rawProperties().computeIfAbsent("datastore", k -> dev.vch.sim.vim.ArrayOf.of("ManagedObjectReference"));
        ((dev.vch.sim.vim.ArrayOf) cr.rawProperties().get("datastore")).items().remove(ds.ref());
        ((dev.vch.sim.vim.ArrayOf) cr.rawProperties().get("datastore")).items().add(ds.ref());
        h.networkSystem().addPortGroup("VM Network", "vSwitch0", 0);
    }

    /** The managers that hold no persistent state; built at every start. */
    static void services(Sim sim) {
        Inventory inv = sim.inventory();
        inv.add(new ServiceInstance(sim));
        inv.add(new SessionManager(sim));
        inv.add(new PropertyCollector(sim));
        inv.add(new ViewManager(sim));
        inv.add(new SearchIndex(sim));
        inv.add(new FileManager(sim));
        inv.add(new VirtualDiskManager(sim));
        inv.add(new EventManager(sim));
        inv.add(new LicenseManager(sim));
        if (sim.settings().vcenter()) inv.add(new LicenseManager.AssignmentManager(sim));
        for (String[] s : new String[][] {{"UserDirectory", "UserDirectory"}, {"AuthorizationManager", "AuthorizationManager"},
                {"TaskManager", "TaskManager"}, {"DatastoreNamespaceManager", "DatastoreNamespaceManager"},
                {"IoFilterManager", "IoFilterManager"}}) {
            inv.add(new GenericService(sim, new MoRef(s[0], s[1])));
        }
        inv.drainChanges();
    }
}
