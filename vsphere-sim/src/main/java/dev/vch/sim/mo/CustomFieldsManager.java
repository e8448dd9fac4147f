package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;

/** Custom attribute definitions and their values on entities. */
public final class CustomFieldsManager extends ManagedObject {
    public CustomFieldsManager(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static CustomFieldsManager create(Sim sim) {
        CustomFieldsManager m = new CustomFieldsManager(sim, new MoRef("CustomFieldsManager", "CustomFieldsManager"));
        m.props.put("field", ArrayOf.of("CustomFieldDef"));
        m.props.put("_next", 100);
        return sim.inventory().add(m);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private ArrayOf fields() {
        return (ArrayOf) props.get("field");
    }

    private DataObject byKey(int key) {
        for (Object o : fields().items()) {
            if (((DataObject) o).integer("key") == key) return (DataObject) o;
        }
        throw VimFault.invalidArgument("key");
    }

    static void setValue(Sim sim, ManagedEntity e, String name, String value) {
        CustomFieldsManager m = sim.inventory().get(new MoRef("CustomFieldsManager", "CustomFieldsManager"), CustomFieldsManager.class);
        DataObject def = null;
        for (Object o : m.fields().items()) {
            if (((DataObject) o).str("name").equals(name)) def = (DataObject) o;
        }
        if (def == null) def = m.add(name, e.type());
        setField(e, def.integer("key"), value);
    }

    private static void setField(ManagedEntity e, int key, String value) {
        for (String prop : new String[] {"customValue", "value"}) {
            ArrayOf vals = (ArrayOf) e.rawProperties().computeIfAbsent(prop, k -> ArrayOf.of("CustomFieldValue"));
            vals.items().removeIf(o -> ((DataObject) o).integer("key") == key);
            if (value != null && !value.isEmpty()) vals.items().add(DataObject.of("CustomFieldStringValue", "key", key, "value", value));
        }
        e.touch();
    }

    private DataObject add(String name, String moType) {
        for (Object o : fields().items()) {
            DataObject d = (DataObject) o;
            if (d.str("name").equals(name) && java.util.Objects.equals(d.str("managedObjectType"), moType)) {
                throw VimFault.duplicateName(name, ref());
            }
        }
        int key = (Integer) props.get("_next");
        props.put("_next", key + 1);
        DataObject def = DataObject.of("CustomFieldDef", "key", key, "name", name, "type", "string", "managedObjectType", moType);
        fields().items().add(def);
        touch();
        return def;
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        switch (method) {
            case "AddCustomFieldDef":
                return add(Args.requiredText(args, "name"), Args.text(args, "moType"));
            case "RemoveCustomFieldDef": {
                int key = Integer.parseInt(Args.requiredText(args, "key"));
                fields().items().remove(byKey(key));
                touch();
                return null;
            }
            case "RenameCustomFieldDef":
                byKey(Integer.parseInt(Args.requiredText(args, "key"))).put("name", Args.requiredText(args, "name"));
                touch();
                return null;
            case "SetField": {
                ManagedEntity e = (ManagedEntity) sim.inventory().get(Args.requiredRef(args, "entity"));
                int key = Integer.parseInt(Args.requiredText(args, "key"));
                byKey(key);
                setField(e, key, Args.text(args, "value"));
                return null;
            }
            default:
                return super.invoke(method, args, ctx);
        }
    }
}
