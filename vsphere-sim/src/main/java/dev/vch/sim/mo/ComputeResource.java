package dev.vch.sim.mo;

import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import java.util.ArrayList;
import java.util.List;

/** ComputeResource or ClusterComputeResource (by the reference's type): hosts and a root resource pool. */
public final class ComputeResource extends ManagedEntity {
    public ComputeResource(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static ComputeResource create(Sim sim, MoRef ref, String name, MoRef parent) {
        ComputeResource cr = new ComputeResource(sim, ref);
        cr.init(name, parent);
        cr.props.put("host", ArrayOf.of("ManagedObjectReference"));
        cr.props.put("datastore", ArrayOf.of("ManagedObjectReference"));
        cr.props.put("network", ArrayOf.of("ManagedObjectReference"));
        if (cluster(ref)) {
            cr.props.put("configurationEx", DataObject.of("ClusterConfigInfoEx",
                    "dasConfig", DataObject.of("ClusterDasConfigInfo", "enabled", false),
                    "drsConfig", DataObject.of("ClusterDrsConfigInfo", "enabled", true,
                            "defaultVmBehavior", new EnumValue("DrsBehavior", "fullyAutomated"))));
        } else {
            cr.props.put("configurationEx", DataObject.of("ComputeResourceConfigInfo", "vmSwapPlacement", "vmDirectory"));
        }
        return sim.inventory().add(cr);
    }

    private static boolean cluster(MoRef ref) {
        return ref.type().equals("ClusterComputeResource");
    }

    public List<HostSystem> hosts() {
        List<HostSystem> out = new ArrayList<>();
        for (MoRef r : refs("host")) out.add((HostSystem) sim.inventory().get(r));
        return out;
    }

    public void addHost(HostSystem h) {
        addRef("host", h.ref());
    }

    public ResourcePool rootPool() {
        return (ResourcePool) sim.inventory().get((MoRef) props.get("resourcePool"));
    }

    @Override
    public List<MoRef> children() {
        List<MoRef> out = new ArrayList<>(refs("host"));
        if (props.get("resourcePool") instanceof MoRef r) out.add(r);
        return out;
    }

    @Override
    public Object property(String name) {
        if (name.equals("summary")) return summary();
        return super.property(name);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.add("summary");
        return names;
    }

    private DataObject summary() {
        int hosts = refs("host").size();
        long mem = hosts * HostSystem.MEMORY_BYTES;
        int cpuMhz = hosts * HostSystem.CPU_CORES * HostSystem.CPU_MHZ;
        DataObject s = DataObject.of(cluster(ref()) ? "ClusterComputeResourceSummary" : "ComputeResourceSummary",
                "totalCpu", cpuMhz, "totalMemory", mem, "numCpuCores", (short) (hosts * HostSystem.CPU_CORES),
                "numCpuThreads", (short) (hosts * HostSystem.CPU_CORES), "effectiveCpu", cpuMhz,
                "effectiveMemory", mem / (1024 * 1024), "numHosts", hosts, "numEffectiveHosts", hosts,
                "overallStatus", new EnumValue("ManagedEntityStatus", "green"));
        if (cluster(ref())) {
            s.put("currentFailoverLevel", 0).put("numVmotions", 0);
        }
        return s;
    }
}
