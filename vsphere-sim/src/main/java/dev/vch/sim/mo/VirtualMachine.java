package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Datastores;
import dev.vch.sim.core.Sim;
import dev.vch.sim.runtime.VmLaunch;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** A virtual machine: config (devices, extraConfig), runtime, guest, summary; power through {@link VmPower}. */
public final class VirtualMachine extends ManagedEntity {
    private final VmPower power = new VmPower(this);

    public VirtualMachine(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    Sim sim() {
        return sim;
    }

    public VmPower power() {
        return power;
    }

    static VirtualMachine create(Sim sim, Folder folder, ResourcePool pool, HostSystem host, DataObject spec, CallContext ctx) {
        String name = spec.str("name");
        if (name == null || name.isBlank() || name.length() > 80) throw VimFault.invalidName(String.valueOf(name));
        // as on vCenter, a VM in a vApp has no folder: its parent is the vApp (parentVApp)
        boolean inVApp = pool.isVApp();
        if (inVApp) {
            for (MoRef r : pool.refs("vm")) {
                if (sim.inventory().find(r) instanceof VirtualMachine other && other.name().equals(name)) throw VimFault.duplicateName(name, r);
            }
        } else {
            folder.requireUniqueName(name, null);
        }
        DataObject files = spec.obj("files");
        String vmPath = files == null ? null : files.str("vmPathName");
        Datastores.DsPath dsPath = Datastores.parse(vmPath);
        Datastore ds = sim.datastores().datastore(dsPath.datastore());
        if (ds == null) throw VimFault.invalidDatastorePath(vmPath);
        String dir = dsPath.path().isEmpty() ? name : dsPath.path().contains("/") ? dsPath.path().substring(0, dsPath.path().lastIndexOf('/')) : dsPath.path();
        if (dir.endsWith(".vmx")) dir = name;
        Path dirPath = sim.datastores().resolveIn(ds, dir, "[" + ds.name() + "] " + dir);
        if (host == null) host = pool.owner().hosts().getFirst();

        VirtualMachine vm = new VirtualMachine(sim, new MoRef("VirtualMachine", sim.inventory().newId("vm")));
        vm.init(name, inVApp ? null : folder.ref());
        String vmx = "[" + ds.name() + "] " + dir + "/" + name + ".vmx";
        String uuid = spec.str("uuid") != null ? spec.str("uuid") : UUID.randomUUID().toString();
        Integer cpus = spec.integer("numCPUs");
        Long mem = spec.longValue("memoryMB");
        DataObject config = DataObject.of("VirtualMachineConfigInfo", "changeVersion", Instant.now().toString(), "modified", Instant.now(),
                "name", name, "guestFullName", spec.str("guestId") == null ? "Other (64-bit)" : spec.str("guestId"),
                "version", spec.str("version") == null ? "vmx-11" : spec.str("version"), "uuid", uuid,
                "instanceUuid", spec.str("instanceUuid") != null ? spec.str("instanceUuid") : UUID.randomUUID().toString(),
                "locationId", UUID.randomUUID().toString(), "template", false,
                "guestId", spec.str("guestId") == null ? "otherGuest64" : spec.str("guestId"), "alternateGuestName", "",
                "annotation", spec.str("annotation"),
                "files", DataObject.of("VirtualMachineFileInfo", "vmPathName", vmx, "snapshotDirectory", "[" + ds.name() + "] " + dir,
                        "suspendDirectory", "[" + ds.name() + "] " + dir, "logDirectory", "[" + ds.name() + "] " + dir),
                "flags", DataObject.of("VirtualMachineFlagInfo", "disableAcceleration", false, "enableLogging", true),
                "hardware", DataObject.of("VirtualHardware", "numCPU", cpus == null ? 1 : cpus, "numCoresPerSocket", 1,
                        "memoryMB", mem == null ? 512 : mem.intValue(), "device", VmDevices.defaults()),
                "cpuAllocation", DataObject.of("ResourceAllocationInfo", "reservation", 0L, "limit", -1L),
                "memoryAllocation", DataObject.of("ResourceAllocationInfo", "reservation", 0L, "limit", -1L),
                "extraConfig", ArrayOf.of("OptionValue"));
        vm.props.put("config", config);
        vm.props.put("resourcePool", pool.ref());
        if (pool.isVApp()) vm.props.put("parentVApp", pool.ref());
        vm.props.put("runtime", DataObject.of("VirtualMachineRuntimeInfo", "host", host.ref(),
                "connectionState", new EnumValue("VirtualMachineConnectionState", "connected"),
                "powerState", new EnumValue("VirtualMachinePowerState", "poweredOff"), "faultToleranceState",
                new EnumValue("VirtualMachineFaultToleranceState", "notConfigured"), "toolsInstallerMounted", false,
                "suspendInterval", 0L, "maxCpuUsage", 2400, "maxMemoryUsage", mem == null ? 512 : mem.intValue(),
                "numMksConnections", 0, "recordReplayState", new EnumValue("VirtualMachineRecordReplayState", "inactive"),
                "onlineStandby", false, "consolidationNeeded", false));
        vm.props.put("guest", guestInfo(null));
        vm.props.put("guestHeartbeatStatus", new EnumValue("ManagedEntityStatus", "gray"));
        vm.props.put("datastore", ArrayOf.of("ManagedObjectReference", List.of(ds.ref())));
        vm.props.put("network", ArrayOf.of("ManagedObjectReference"));
        vm.props.put("rootSnapshot", ArrayOf.of("ManagedObjectReference"));
        try {
            Files.createDirectories(dirPath);
        } catch (IOException e) {
            throw VimFault.systemError("cannot create " + dirPath + ": " + e.getMessage());
        }
        vm.reconfigure(spec, true);
        sim.inventory().add(vm);
        if (!inVApp) folder.addChild(vm.ref());
        pool.addVm(vm.ref());
        host.addVm(vm.ref());
        ds.addVm(vm.ref());
        vm.writeVmx();
        sim.events().vmEvent("VmCreatedEvent", vm, "Created virtual machine " + name, ctx.userName());
        return vm;
    }

    static DataObject guestInfo(String ip) {
        return guestInfo(ip, "");
    }

    /** GuestInfo as tools would report it; {@code network} is the portgroup of the VM's first NIC. */
    static DataObject guestInfo(String ip, String network) {
        DataObject g = DataObject.of("GuestInfo", "toolsStatus", new EnumValue("VirtualMachineToolsStatus", ip == null ? "toolsNotRunning" : "toolsOk"),
                "toolsRunningStatus", ip == null ? "guestToolsNotRunning" : "guestToolsRunning",
                "guestState", ip == null ? "notRunning" : "running");
        if (ip != null) {
            g.put("ipAddress", ip);
            g.put("net", ArrayOf.of("GuestNicInfo", List.of(DataObject.of("GuestNicInfo", "network", network, "ipAddress",
                    ArrayOf.of("string", List.of(ip)), "connected", true, "deviceConfigId", 4000))));
        }
        g.put("screen", DataObject.of("GuestScreenInfo", "width", 0, "height", 0));
        return g;
    }

    @Override
    public ManagedEntity parent() {
        ManagedEntity p = super.parent();
        if (p == null && props.get("parentVApp") instanceof MoRef v && sim.inventory().find(v) instanceof ManagedEntity vapp) return vapp;
        return p;
    }

    public DataObject config() {
        return (DataObject) props.get("config");
    }

    public DataObject runtime() {
        return (DataObject) props.get("runtime");
    }

    public MoRef hostRef() {
        DataObject r = runtime();
        return r == null ? null : r.ref("host");
    }

    public String powerState() {
        return runtime().str("powerState");
    }

    public boolean poweredOn() {
        return "poweredOn".equals(powerState());
    }

    /** Directory of the VM's files (where the .vmx lives). */
    public Path directory() {
        String vmx = config().obj("files").str("vmPathName");
        return sim.datastores().resolve(vmx).getParent();
    }

    public ArrayOf extraConfig() {
        return (ArrayOf) config().get("extraConfig");
    }

    /** Applies a ConfigSpec: hardware, extraConfig (empty value removes), devices. */
    void reconfigure(DataObject spec, boolean creating) {
        DataObject config = config();
        DataObject hw = config.obj("hardware");
        if (!creating) {
            if (spec.get("name") != null && !spec.str("name").equals(name())) rename(spec.str("name"));
            if (spec.get("annotation") != null) config.put("annotation", spec.str("annotation"));
            if (poweredOn() && (spec.get("numCPUs") != null || spec.get("memoryMB") != null)) {
                throw VimFault.invalidPowerState(null, "poweredOn");
            }
            if (spec.get("numCPUs") != null) hw.put("numCPU", spec.integer("numCPUs"));
            if (spec.get("memoryMB") != null) hw.put("memoryMB", spec.longValue("memoryMB").intValue());
        }
        for (Object o : spec.list("extraConfig")) {
            if (!(o instanceof DataObject opt) || opt.str("key") == null) throw VimFault.invalidArgument("extraConfig");
        }
        List<Object> changes = spec.list("deviceChange");
        if (!changes.isEmpty()) {
            String vmDir = Datastores.parse(config.obj("files").str("vmPathName")).path();
            vmDir = vmDir.contains("/") ? vmDir.substring(0, vmDir.lastIndexOf('/')) : "";
            ArrayOf devices = (ArrayOf) hw.get("device");
            // devices first: a change the running VM refuses leaves the VM's config as it was
            VmLaunch before = !creating && poweredOn() ? power.launch() : null;
            List<Object> saved = new ArrayList<>();
            for (Object d : devices.items()) saved.add(((DataObject) d).copy());
            VmDevices vmDevices = new VmDevices(sim, devices, name(), vmDir);
            try {
                vmDevices.apply(changes);
                if (before != null) power.devicesChanged(before);
                refreshNetworks();
                vmDevices.destroyRemovedDisks();
            } catch (RuntimeException e) {
                vmDevices.deleteCreatedDisks();
                devices.items().clear();
                devices.items().addAll(saved);
                refreshNetworks();
                throw e;
            }
        }
        for (Object o : spec.list("extraConfig")) {
            DataObject opt = (DataObject) o;
            setExtraConfig(opt.str("key"), opt.get("value") == null ? "" : opt.get("value").toString());
        }
        config.put("changeVersion", Instant.now().toString());
        config.put("modified", Instant.now());
        touch();
    }

    void setExtraConfig(String key, String value) {
        ArrayOf ec = extraConfig();
        int idx = -1;
        for (int i = 0; i < ec.items().size(); i++) {
            if (key.equals(((DataObject) ec.items().get(i)).str("key"))) idx = i;
        }
        if (value.isEmpty()) {
            if (idx >= 0) ec.items().remove(idx);
        } else if (idx >= 0) {
            ec.items().set(idx, DataObject.of("OptionValue", "key", key, "value", value));
        } else {
            ec.items().add(DataObject.of("OptionValue", "key", key, "value", value));
        }
        touch();
    }

    private void refreshNetworks() {
        ArrayOf nets = (ArrayOf) props.get("network");
        for (Object o : new ArrayList<>(nets.items())) {
            if (sim.inventory().find((MoRef) o) instanceof Network n) n.removeVm(ref());
        }
        nets.items().clear();
        for (Object o : ((ArrayOf) config().obj("hardware").get("device")).items()) {
            DataObject d = (DataObject) o;
            DataObject b = d.obj("backing");
            if (b == null || !"VirtualEthernetCardNetworkBackingInfo".equals(b.type())) continue;
            Network n = b.ref("network") != null && sim.inventory().find(b.ref("network")) instanceof Network nn ? nn : networkNamed(b.str("deviceName"));
            if (n == null) throw VimFault.invalidArgument("network " + b.str("deviceName") + " does not exist");
            b.put("network", n.ref());
            if (b.get("deviceName") == null) b.put("deviceName", n.name());
            n.addVm(ref());
            if (!nets.items().contains(n.ref())) nets.items().add(n.ref());
        }
    }

    /** The name of the network of the first NIC, or "" when the VM has none. */
    String firstNetworkName() {
        for (MoRef r : refs("network")) {
            if (sim.inventory().find(r) instanceof Network n) return n.name();
        }
        return "";
    }

    private Network networkNamed(String name) {
        for (Network n : sim.inventory().all(Network.class)) {
            if (n.name().equals(name)) return n;
        }
        return null;
    }

    void writeVmx() {
        StringBuilder sb = new StringBuilder(".encoding = \"UTF-8\"\n");
        sb.append("displayName = \"").append(name()).append("\"\n");
        sb.append("uuid.bios = \"").append(config().str("uuid")).append("\"\n");
        try {
            Files.writeString(sim.datastores().resolve(config().obj("files").str("vmPathName")), sb.toString());
        } catch (IOException e) {
            throw VimFault.systemError("cannot write the vmx file: " + e.getMessage());
        }
    }

    @Override
    public Object property(String name) {
        return name.equals("summary") ? summary() : super.property(name);
    }

    @Override
    public Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.add("summary");
        return names;
    }

    private DataObject summary() {
        DataObject c = config();
        DataObject hw = c.obj("hardware");
        int disks = 0;
        int nics = 0;
        for (Object o : ((ArrayOf) hw.get("device")).items()) {
            DataObject d = (DataObject) o;
            if ("VirtualDisk".equals(d.type())) disks++;
            if (d.get("macAddress") != null) nics++;
        }
        DataObject guest = (DataObject) props.get("guest");
        return DataObject.of("VirtualMachineSummary", "vm", ref(), "runtime", runtime(),
                "guest", DataObject.of("VirtualMachineGuestSummary", "guestId", c.str("guestId"), "guestFullName", c.str("guestFullName"),
                        "toolsStatus", guest.get("toolsStatus"), "ipAddress", guest.get("ipAddress")),
                "config", DataObject.of("VirtualMachineConfigSummary", "name", name(), "template", false,
                        "vmPathName", c.obj("files").str("vmPathName"), "memorySizeMB", hw.get("memoryMB"), "numCpu", hw.get("numCPU"),
                        "numEthernetCards", nics, "numVirtualDisks", disks, "uuid", c.str("uuid"), "instanceUuid", c.str("instanceUuid"),
                        "guestId", c.str("guestId"), "guestFullName", c.str("guestFullName"), "annotation", c.str("annotation")),
                "storage", DataObject.of("VirtualMachineStorageSummary", "committed", 0L, "uncommitted", 0L, "unshared", 0L,
                        "timestamp", Instant.now()),
                "quickStats", DataObject.of("VirtualMachineQuickStats", "overallCpuUsage", 0, "guestMemoryUsage", 0, "hostMemoryUsage", 0,
                        "uptimeSeconds", 0),
                "overallStatus", new EnumValue("ManagedEntityStatus", "green"));
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "PowerOnVM_Task" -> sim.runTask(this, "PowerOnVM_Task", "VirtualMachine.powerOn", ctx, () -> {
                power.powerOn(ctx);
                return null;
            });
            case "PowerOffVM_Task" -> sim.runTask(this, "PowerOffVM_Task", "VirtualMachine.powerOff", ctx, () -> {
                power.powerOff(ctx);
                return null;
            });
            case "ResetVM_Task" -> sim.runTask(this, "ResetVM_Task", "VirtualMachine.reset", ctx, () -> {
                power.reset(ctx);
                return null;
            });
            case "ShutdownGuest", "RebootGuest" -> {
                power.shutdownGuest(ctx, method.equals("RebootGuest"));
                yield null;
            }
            case "ReconfigVM_Task" -> {
                DataObject spec = Args.data(args, "spec");
                if (spec == null) throw VimFault.invalidArgument("spec");
                yield sim.runTask(this, "ReconfigVM_Task", "VirtualMachine.reconfigure", ctx, () -> {
                    reconfigure(spec, false);
                    sim.events().vmEvent("VmReconfiguredEvent", this, "Reconfigured " + name(), ctx.userName());
                    return null;
                });
            }
            case "UnregisterVM" -> {
                if (poweredOn()) throw VimFault.invalidPowerState(null, "poweredOn");
                unregister();
                yield null;
            }
            case "CreateSnapshot_Task", "MigrateVM_Task", "RelocateVM_Task", "CloneVM_Task" ->
                    throw VimFault.notImplemented(method + " is not implemented by vsphere-sim");
            default -> super.invoke(method, args, ctx);
        };
    }

    /** Removes the VM from the inventory, leaving its files. */
    void unregister() {
        if (parent() instanceof Folder f) f.removeChild(ref());
        if (props.get("resourcePool") instanceof MoRef p && sim.inventory().find(p) instanceof ResourcePool rp) rp.removeVm(ref());
        if (hostRef() != null && sim.inventory().find(hostRef()) instanceof HostSystem h) h.removeVm(ref());
        for (MoRef d : refs("datastore")) {
            if (sim.inventory().find(d) instanceof Datastore ds) ds.removeVm(ref());
        }
        for (MoRef n : refs("network")) {
            if (sim.inventory().find(n) instanceof Network net) net.removeVm(ref());
        }
        sim.inventory().remove(this);
        sim.events().vmEvent("VmRemovedEvent", this, "Removed " + name(), "");
    }

    @Override
    protected void destroy(CallContext ctx) {
        if (poweredOn()) throw VimFault.invalidPowerState(null, "poweredOn");
        Path dir = directory();
        unregister();
        for (Object o : ((ArrayOf) config().obj("hardware").get("device")).items()) {
            DataObject d = (DataObject) o;
            if (!"VirtualDisk".equals(d.type())) continue;
            String mode = d.obj("backing").str("diskMode");
            if (mode != null && mode.startsWith("independent")) continue; // volumes outlive their VM, as on vSphere
            try {
                Path f = sim.datastores().resolve(d.obj("backing").str("fileName"));
                if (f.startsWith(dir)) Files.deleteIfExists(f);
            } catch (IOException | VimFault e) {
                // a disk that is already gone needs no cleanup
            }
        }
        FileManager.deleteTree(dir);
    }

    public static void reattachAll(Sim sim) {
        for (VirtualMachine vm : sim.inventory().all(VirtualMachine.class)) vm.power.reattach();
    }
}
