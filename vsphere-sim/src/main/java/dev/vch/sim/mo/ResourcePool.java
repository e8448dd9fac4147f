package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** ResourcePool or VirtualApp (by the reference's type): child pools, vApps and VMs. */
public final class ResourcePool extends ManagedEntity {
    public ResourcePool(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static ResourcePool create(Sim sim, MoRef ref, String name, MoRef parent, MoRef owner, DataObject spec) {
        ResourcePool p = new ResourcePool(sim, ref);
        p.init(name, parent);
        p.props.put("owner", owner);
        p.props.put("resourcePool", ArrayOf.of("ManagedObjectReference"));
        p.props.put("vm", ArrayOf.of("ManagedObjectReference"));
        p.props.put("config", config(ref, spec));
        if (ref.type().equals("VirtualApp")) {
            p.props.put("vAppConfig", DataObject.of("VAppConfigInfo", "entityConfig", ArrayOf.of("VAppEntityConfigInfo"),
                    "annotation", "", "installBootRequired", false, "installBootStopDelay", 0));
            p.props.put("childLink", ArrayOf.of("VirtualAppLinkInfo"));
        }
        return sim.inventory().add(p);
    }

    private static DataObject config(MoRef ref, DataObject spec) {
        DataObject cpu = spec == null ? null : spec.obj("cpuAllocation");
        DataObject mem = spec == null ? null : spec.obj("memoryAllocation");
        return DataObject.of("ResourceConfigSpec", "entity", ref, "changeVersion", "1",
                "cpuAllocation", allocation(cpu), "memoryAllocation", allocation(mem));
    }

    private static DataObject allocation(DataObject given) {
        DataObject a = DataObject.of("ResourceAllocationInfo", "reservation", 0L, "expandableReservation", true, "limit", -1L,
                "shares", DataObject.of("SharesInfo", "shares", 4000, "level", new EnumValue("SharesLevel", "normal")));
        if (given != null) {
            for (String f : List.of("reservation", "limit")) {
                if (given.get(f) != null) a.put(f, given.longValue(f));
            }
            if (given.get("expandableReservation") != null) a.put("expandableReservation", given.bool("expandableReservation", true));
        }
        return a;
    }

    public boolean isVApp() {
        return type().equals("VirtualApp");
    }

    @Override
    public List<MoRef> children() {
        List<MoRef> out = new ArrayList<>(refs("resourcePool"));
        out.addAll(refs("vm"));
        return out;
    }

    public ComputeResource owner() {
        return (ComputeResource) sim.inventory().get((MoRef) props.get("owner"));
    }

    public void addVm(MoRef vm) {
        addRef("vm", vm);
    }

    public void removeVm(MoRef vm) {
        removeRef("vm", vm);
    }

    @Override
    public Object property(String name) {
        if (name.equals("summary")) {
            return DataObject.of(isVApp() ? "VirtualAppSummary" : "ResourcePoolSummary", "name", name(), "config", props.get("config"),
                    "runtime", runtime());
        }
        if (name.equals("runtime")) return runtime();
        return super.property(name);
    }

    @Override
    public Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.addAll(List.of("summary", "runtime"));
        return names;
    }

    private DataObject runtime() {
        long mem = HostSystem.MEMORY_BYTES;
        long cpu = (long) HostSystem.CPU_CORES * HostSystem.CPU_MHZ;
        return DataObject.of("ResourcePoolRuntimeInfo", "memory", usage(mem), "cpu", usage(cpu),
                "overallStatus", new EnumValue("ManagedEntityStatus", "green"));
    }

    private static DataObject usage(long max) {
        return DataObject.of("ResourcePoolResourceUsage", "reservationUsed", 0L, "reservationUsedForVm", 0L,
                "unreservedForPool", max, "unreservedForVm", max, "overallUsage", 0L, "maxUsage", max);
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "CreateResourcePool" -> createChild("ResourcePool", Args.requiredText(args, "name"), Args.data(args, "spec"), null).ref();
            case "CreateVApp" -> createVApp(args);
            case "CreateChildVM_Task" -> {
                DataObject config = Args.data(args, "config");
                if (config == null) throw VimFault.invalidArgument("config");
                MoRef hostRef = Args.ref(args, "host");
                HostSystem host = hostRef == null ? null : sim.inventory().get(hostRef, HostSystem.class);
                Folder folder = vmFolder();
                yield sim.runTask(this, "CreateChildVM_Task", "ResourcePool.createChildVm", ctx,
                        () -> VirtualMachine.create(sim, folder, this, host, config, ctx).ref());
            }
            case "UpdateConfig" -> {
                String n = Args.text(args, "name");
                if (n != null && !n.equals(name())) rename(n);
                DataObject c = Args.data(args, "config");
                if (c != null) set("config", config(ref(), c));
                yield null;
            }
            case "DestroyChildren" -> {
                for (MoRef c : new ArrayList<>(refs("resourcePool"))) ((ResourcePool) sim.inventory().get(c)).destroy(ctx);
                yield null;
            }
            case "PowerOnVApp_Task", "PowerOffVApp_Task" -> {
                if (!isVApp()) throw VimFault.methodNotFound(ref(), method);
                boolean on = method.startsWith("PowerOn");
                yield sim.runTask(this, method, "VirtualApp." + (on ? "powerOn" : "powerOff"), ctx, () -> {
                    for (MoRef r : refs("vm")) {
                        VirtualMachine vm = (VirtualMachine) sim.inventory().get(r);
                        if (on && !vm.poweredOn()) vm.power().powerOn(ctx);
                        if (!on && vm.poweredOn()) vm.power().powerOff(ctx);
                    }
                    return null;
                });
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    private Folder vmFolder() {
        Datacenter dc = datacenter();
        return dc.folder("vmFolder");
    }

    private MoRef createVApp(XmlNode args) {
        String name = Args.requiredText(args, "name");
        MoRef folderRef = Args.ref(args, "vmFolder");
        Folder folder = folderRef == null ? vmFolder() : sim.inventory().get(folderRef, Folder.class);
        folder.requireUniqueName(name, null);
        ResourcePool vapp = createChild("VirtualApp", name, Args.data(args, "resSpec"), folder);
        vapp.props.put("parentFolder", folder.ref());
        folder.addChild(vapp.ref());
        return vapp.ref();
    }

    private ResourcePool createChild(String type, String name, DataObject spec, Folder vappFolder) {
        if (name.isBlank() || name.length() > 80) throw VimFault.invalidName(name);
        for (MoRef c : refs("resourcePool")) {
            if (((ManagedEntity) sim.inventory().get(c)).name().equals(name)) throw VimFault.duplicateName(name, c);
        }
        String prefix = type.equals("VirtualApp") ? "resgroup-v" : "resgroup";
        ResourcePool p = create(sim, new MoRef(type, sim.inventory().newId(prefix)), name, ref(), (MoRef) props.get("owner"), spec);
        addRef("resourcePool", p.ref());
        return p;
    }

    @Override
    protected void destroy(CallContext ctx) {
        if (!(parent() instanceof ResourcePool parentPool)) throw VimFault.notSupported("The root resource pool cannot be destroyed");
        if (isVApp()) {
            for (MoRef r : new ArrayList<>(refs("vm"))) ((VirtualMachine) sim.inventory().get(r)).destroy(ctx);
        } else {
            // as vSphere does, VMs and child pools move up to the parent pool
            for (MoRef r : new ArrayList<>(refs("vm"))) {
                VirtualMachine vm = (VirtualMachine) sim.inventory().get(r);
                vm.set("resourcePool", parentPool.ref());
                parentPool.addVm(r);
            }
        }
        for (MoRef r : new ArrayList<>(refs("resourcePool"))) {
            ResourcePool child = (ResourcePool) sim.inventory().get(r);
            if (isVApp()) {
                child.destroy(ctx);
            } else {
                child.set("parent", parentPool.ref());
                parentPool.addRef("resourcePool", r);
            }
        }
        parentPool.removeRef("resourcePool", ref());
        if (props.get("parentFolder") instanceof MoRef f && sim.inventory().find(f) instanceof Folder folder) folder.removeChild(ref());
        sim.inventory().remove(this);
    }
}
