package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.util.List;
import java.util.UUID;

/** CreateContainerView; views belong to the session that made them. */
public final class ViewManager extends ManagedObject {
    public ViewManager(Sim sim) {
        super(sim, new MoRef("ViewManager", "ViewManager"));
    }

    @Override
    public Object property(String name) {
        if (name.equals("viewList")) {
            CallContext ctx = CallContext.current();
            ArrayOf out = ArrayOf.of("ManagedObjectReference");
            if (ctx != null && ctx.session() != null) {
                String prefix = "session[" + ctx.session().key() + "]";
                for (ContainerView v : sim.inventory().all(ContainerView.class)) {
                    if (v.ref().value().startsWith(prefix)) out.items().add(v.ref());
                }
            }
            return out;
        }
        return super.property(name);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        return List.of("viewList");
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        if (method.equals("CreateContainerView")) {
            ManagedEntity container = (ManagedEntity) sim.inventory().get(Args.requiredRef(args, "container"));
            MoRef ref = new MoRef("ContainerView", "session[" + ctx.requireSession(ref()).key() + "]" + UUID.randomUUID());
            return sim.inventory().add(new ContainerView(sim, ref, container.ref(), Args.texts(args, "type"),
                    Args.bool(args, "recursive", false))).ref();
        }
        return super.invoke(method, args, ctx);
    }
}
