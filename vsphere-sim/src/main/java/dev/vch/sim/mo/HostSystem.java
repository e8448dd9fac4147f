package dev.vch.sim.mo;

import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** HostSystem: runtime, summary, hardware, its config managers (firewall, network), datastores, networks, VMs. */
public final class HostSystem extends ManagedEntity {
    static final long MEMORY_BYTES = 16L * 1024 * 1024 * 1024;
    static final int CPU_CORES = 8;
    static final int CPU_MHZ = 2400;

    public HostSystem(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static HostSystem create(Sim sim, String id, String name, MoRef parent) {
        HostSystem h = new HostSystem(sim, new MoRef("HostSystem", id));
        h.init(name, parent);
        h.props.put("runtime", DataObject.of("HostRuntimeInfo",
                "connectionState", new EnumValue("HostSystemConnectionState", "connected"),
                "powerState", new EnumValue("HostSystemPowerState", "poweredOn"),
                "inMaintenanceMode", false, "bootTime", Instant.now()));
        HostFirewallSystem fw = HostFirewallSystem.create(sim, id.startsWith("ha-") ? "firewallSystem" : sim.inventory().newId("firewallSystem"));
        HostNetworkSystem net = HostNetworkSystem.create(sim, id.startsWith("ha-") ? "networkSystem" : sim.inventory().newId("networkSystem"), h.ref());
        h.props.put("configManager", DataObject.of("HostConfigManager", "firewallSystem", fw.ref(), "networkSystem", net.ref()));
        h.props.put("datastore", ArrayOf.of("ManagedObjectReference"));
        h.props.put("network", ArrayOf.of("ManagedObjectReference"));
        h.props.put("vm", ArrayOf.of("ManagedObjectReference"));
        return sim.inventory().add(h);
    }

    public HostFirewallSystem firewall() {
        DataObject cm = (DataObject) props.get("configManager");
        return (HostFirewallSystem) sim.inventory().get(cm.ref("firewallSystem"));
    }

    public HostNetworkSystem networkSystem() {
        DataObject cm = (DataObject) props.get("configManager");
        return (HostNetworkSystem) sim.inventory().get(cm.ref("networkSystem"));
    }

    public void addDatastore(MoRef ds) {
        addRef("datastore", ds);
    }

    public void addNetwork(MoRef n) {
        addRef("network", n);
    }

    public void removeNetwork(MoRef n) {
        removeRef("network", n);
    }

    public void addVm(MoRef vm) {
        addRef("vm", vm);
    }

    public void removeVm(MoRef vm) {
        removeRef("vm", vm);
    }

    public ComputeResource computeResource() {
        return (ComputeResource) parent();
    }

    @Override
    public Object property(String name) {
        return switch (name) {
            case "summary" -> summary();
            case "hardware" -> hardware();
            case "datastoreBrowser" -> firstDatastoreBrowser();
            default -> super.property(name);
        };
    }

    @Override
    public Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.addAll(List.of("summary", "hardware", "datastoreBrowser"));
        return names;
    }

    private MoRef firstDatastoreBrowser() {
        for (MoRef d : refs("datastore")) {
            if (sim.inventory().find(d) instanceof Datastore ds) return ds.browser();
        }
        return null;
    }

    private DataObject hardwareSummary() {
        return DataObject.of("HostHardwareSummary", "vendor", "vsphere-sim", "model", "Simulated host",
                "uuid", java.util.UUID.nameUUIDFromBytes(ref().value().getBytes()).toString(),
                "memorySize", MEMORY_BYTES, "cpuModel", "Simulated CPU", "cpuMhz", CPU_MHZ,
                "numCpuPkgs", (short) 1, "numCpuCores", (short) CPU_CORES, "numCpuThreads", (short) CPU_CORES,
                "numNics", 1, "numHBAs", 1);
    }

    private DataObject hardware() {
        return DataObject.of("HostHardwareInfo",
                "systemInfo", DataObject.of("HostSystemInfo", "vendor", "vsphere-sim", "model", "Simulated host",
                        "uuid", java.util.UUID.nameUUIDFromBytes(ref().value().getBytes()).toString()),
                "cpuInfo", DataObject.of("HostCpuInfo", "numCpuPackages", (short) 1, "numCpuCores", (short) CPU_CORES,
                        "numCpuThreads", (short) CPU_CORES, "hz", CPU_MHZ * 1_000_000L),
                "memorySize", MEMORY_BYTES);
    }

    private DataObject summary() {
        return DataObject.of("HostListSummary", "host", ref(), "hardware", hardwareSummary(),
                "runtime", props.get("runtime"),
                "config", DataObject.of("HostConfigSummary", "name", name(), "port", 443,
                        "product", ServiceInstance.about(sim, true), "vmotionEnabled", false, "faultToleranceEnabled", false),
                "quickStats", DataObject.of("HostListSummaryQuickStats", "overallCpuUsage", 0, "overallMemoryUsage", 0, "uptime", 0),
                "overallStatus", new EnumValue("ManagedEntityStatus", "green"), "rebootRequired", false);
    }
}
