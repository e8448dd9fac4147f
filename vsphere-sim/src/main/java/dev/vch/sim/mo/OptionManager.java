package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;

/** Advanced settings: QueryOptions by name or prefix ("a.b."), UpdateOptions. */
public final class OptionManager extends ManagedObject {
    public OptionManager(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static OptionManager create(Sim sim, String id) {
        OptionManager m = new OptionManager(sim, new MoRef("OptionManager", id));
        ArrayOf s = ArrayOf.of("OptionValue");
        s.items().add(DataObject.of("OptionValue", "key", "VirtualCenter.FQDN", "value", "127.0.0.1"));
        s.items().add(DataObject.of("OptionValue", "key", "VirtualCenter.InstanceName", "value", "vsphere-sim"));
        s.items().add(DataObject.of("OptionValue", "key", "event.maxAge", "value", 30));
        s.items().add(DataObject.of("OptionValue", "key", "Config.HostAgent.log.level", "value", "info"));
        m.props.put("setting", s);
        m.props.put("supportedOption", ArrayOf.of("OptionDef"));
        return sim.inventory().add(m);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    private ArrayOf settings() {
        return (ArrayOf) props.get("setting");
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        switch (method) {
            case "QueryOptions": {
                String name = Args.text(args, "name");
                ArrayOf out = ArrayOf.of("OptionValue");
                for (Object o : settings().items()) {
                    String key = ((DataObject) o).str("key");
                    if (name == null || name.isEmpty() || key.equals(name) || (name.endsWith(".") && key.startsWith(name))) out.items().add(o);
                }
                if (out.items().isEmpty()) throw VimFault.invalidName(name);
                return out;
            }
            case "UpdateOptions":
                for (XmlNode n : args.all("changedValue")) {
                    Object v = n.value();
                    if (!(v instanceof DataObject d) || d.str("key") == null) throw VimFault.invalidArgument("changedValue");
                    settings().items().removeIf(o -> ((DataObject) o).str("key").equals(d.str("key")));
                    settings().items().add(DataObject.of("OptionValue", "key", d.str("key"), "value", d.get("value")));
                }
                touch();
                return null;
            default:
                return super.invoke(method, args, ctx);
        }
    }
}
