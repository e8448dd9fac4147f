package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** Folder: childEntity/childType; CreateFolder, CreateVM_Task, CreateDatacenter, Destroy. */
public final class Folder extends ManagedEntity {
    public Folder(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static Folder create(Sim sim, String id, String name, MoRef parent, String... childTypes) {
        Folder f = new Folder(sim, new MoRef("Folder", id == null ? sim.inventory().newId("group-v") : id));
        f.init(name, parent);
        f.props.put("childType", ArrayOf.of("string", List.of((Object[]) childTypes)));
        f.props.put("childEntity", ArrayOf.of("ManagedObjectReference"));
        return sim.inventory().add(f);
    }

    @Override
    public List<MoRef> children() {
        return refs("childEntity");
    }

    public void addChild(MoRef r) {
        addRef("childEntity", r);
    }

    public void removeChild(MoRef r) {
        removeRef("childEntity", r);
    }

    boolean allows(String type) {
        for (Object t : ((ArrayOf) props.get("childType")).items()) {
            if (t.equals(type) || (t.equals("ComputeResource") && type.equals("ClusterComputeResource"))) return true;
        }
        return false;
    }

    /** DuplicateName when another child already has {@code name}. */
    public void requireUniqueName(String name, ManagedEntity self) {
        for (MoRef c : children()) {
            if (sim.inventory().find(c) instanceof ManagedEntity e && e != self && e.name().equals(name)) {
                throw VimFault.duplicateName(name, c);
            }
        }
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "CreateFolder" -> createFolder(Args.requiredText(args, "name"));
            case "CreateVM_Task" -> createVm(args, ctx);
            case "CreateDatacenter" -> createDatacenter(Args.requiredText(args, "name"));
            case "MoveIntoFolder_Task" -> sim.runTask(this, "MoveIntoFolder_Task", "Folder.moveInto", ctx, () -> {
                moveInto(args.all("list"));
                return null;
            });
            case "UnregisterAndDestroy_Task" -> sim.runTask(this, "UnregisterAndDestroy_Task", "Folder.unregisterAndDestroy", ctx, () -> {
                for (MoRef c : new ArrayList<>(children())) {
                    if (sim.inventory().find(c) instanceof VirtualMachine vm) vm.unregister();
                }
                destroy(ctx);
                return null;
            });
            default -> super.invoke(method, args, ctx);
        };
    }

    private MoRef createFolder(String name) {
        if (name.isBlank() || name.length() > 80 || name.contains("/")) throw VimFault.invalidName(name);
        requireUniqueName(name, null);
        List<String> types = new ArrayList<>();
        for (Object t : ((ArrayOf) props.get("childType")).items()) types.add((String) t);
        Folder f = create(sim, sim.inventory().newId(ref().value().startsWith("group-") ? "group-v" : "folder"), name, ref(),
                types.toArray(String[]::new));
        addChild(f.ref());
        return f.ref();
    }

    private MoRef createDatacenter(String name) {
        if (!allows("Datacenter")) throw VimFault.notSupported("Folder " + name() + " cannot hold datacenters");
        requireUniqueName(name, null);
        Datacenter dc = Datacenter.create(sim, sim.inventory().newId("datacenter"), name, ref());
        addChild(dc.ref());
        return dc.ref();
    }

    private MoRef createVm(XmlNode args, CallContext ctx) {
        if (!allows("VirtualMachine")) throw VimFault.notSupported("Folder " + name() + " cannot hold virtual machines");
        DataObject config = Args.data(args, "config");
        if (config == null) throw VimFault.invalidArgument("config");
        MoRef poolRef = Args.requiredRef(args, "pool");
        MoRef hostRef = Args.ref(args, "host");
        ResourcePool pool = sim.inventory().get(poolRef, ResourcePool.class);
        HostSystem host = hostRef == null ? null : sim.inventory().get(hostRef, HostSystem.class);
        return sim.runTask(this, "CreateVM_Task", "Folder.createVm", ctx,
                () -> VirtualMachine.create(sim, this, pool, host, config, ctx).ref());
    }

    private void moveInto(List<XmlNode> list) {
        for (XmlNode n : list) {
            ManagedEntity e = (ManagedEntity) sim.inventory().get(n.moRef());
            if (!allows(e.type())) throw VimFault.notSupported("Folder " + name() + " cannot hold " + e.type());
            requireUniqueName(e.name(), e);
            if (e.parent() instanceof Folder old) old.removeChild(e.ref());
            e.set("parent", ref());
            addChild(e.ref());
        }
    }

    @Override
    protected void destroy(CallContext ctx) {
        if (parentRef() == null || parent() instanceof Datacenter) throw VimFault.notSupported("Folder " + name() + " cannot be destroyed");
        for (MoRef c : new ArrayList<>(children())) {
            if (sim.inventory().find(c) instanceof ManagedEntity e) e.destroy(ctx);
        }
        if (parent() instanceof Folder p) p.removeChild(ref());
        sim.inventory().remove(this);
    }
}
