package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.List;

/** Base of the inventory objects: name, parent, status, custom values; Rename and Destroy. */
public abstract class ManagedEntity extends ManagedObject {
    protected ManagedEntity(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    /** Sets the common properties of a new entity. */
    protected void init(String name, MoRef parent) {
        props.put("name", name);
        if (parent != null) props.put("parent", parent);
        props.put("overallStatus", new EnumValue("ManagedEntityStatus", "green"));
        props.put("configStatus", new EnumValue("ManagedEntityStatus", "green"));
        props.put("customValue", ArrayOf.of("CustomFieldValue"));
        props.put("value", ArrayOf.of("CustomFieldValue"));
        props.put("availableField", ArrayOf.of("CustomFieldDef"));
        props.put("recentTask", ArrayOf.of("ManagedObjectReference"));
        props.put("alarmActionsEnabled", true);
        props.put("effectiveRole", ArrayOf.of("int", List.of(-1)));
        touch();
    }

    @Override
    public boolean persistent() {
        return true;
    }

    public String name() {
        return (String) props.get("name");
    }

    public MoRef parentRef() {
        return (MoRef) props.get("parent");
    }

    public ManagedEntity parent() {
        MoRef p = parentRef();
        return p == null ? null : (ManagedEntity) sim.inventory().find(p);
    }

    /** The children that make up inventory paths (FindByInventoryPath, FindChild, container views). */
    public List<MoRef> children() {
        return List.of();
    }

    /** The datacenter this entity lives in, or null. */
    public Datacenter datacenter() {
        for (ManagedEntity e = this; e != null; e = e.parent()) {
            if (e instanceof Datacenter d) return d;
        }
        return null;
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "Rename_Task" -> sim.runTask(this, "Rename_Task", type() + ".rename", ctx, () -> {
                rename(Args.requiredText(args, "newName"));
                return null;
            });
            case "Destroy_Task" -> sim.runTask(this, "Destroy_Task", type() + ".destroy", ctx, () -> {
                destroy(ctx);
                return null;
            });
            case "Reload" -> null;
            case "setCustomValue" -> {
                CustomFieldsManager.setValue(sim, this, Args.requiredText(args, "key"), Args.text(args, "value"));
                yield null;
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    public void rename(String newName) {
        if (newName.isBlank() || newName.length() > 80) throw VimFault.invalidName(newName);
        ManagedEntity p = parent();
        if (p instanceof Folder f) f.requireUniqueName(newName, this);
        set("name", newName);
    }

    /** Destroy_Task; the default refuses, as for objects vSphere never destroys. */
    protected void destroy(CallContext ctx) {
        throw VimFault.notSupported(type() + " " + name() + " cannot be destroyed");
    }

    /** Adds a MoRef to an ArrayOf property. */
    protected void addRef(String prop, MoRef r) {
        ArrayOf a = (ArrayOf) props.computeIfAbsent(prop, k -> ArrayOf.of("ManagedObjectReference"));
        if (!a.items().contains(r)) a.items().add(r);
        touch();
    }

    protected void removeRef(String prop, MoRef r) {
        if (props.get(prop) instanceof ArrayOf a) a.items().remove(r);
        touch();
    }

    @SuppressWarnings("unchecked")
    protected List<MoRef> refs(String prop) {
        Object v = props.get(prop);
        if (v instanceof ArrayOf a) return (List<MoRef>) (List<?>) a.items();
        if (v instanceof MoRef r) return List.of(r);
        return List.of();
    }
}
