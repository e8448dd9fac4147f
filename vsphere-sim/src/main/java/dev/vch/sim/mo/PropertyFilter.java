package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.FilterSpec;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;

/** A session's filter for WaitForUpdates; id {@code session[<key>]<uuid>}. */
public final class PropertyFilter extends ManagedObject {
    private final FilterSpec spec;
    private final String sessionKey;

    public PropertyFilter(Sim sim, MoRef ref, FilterSpec spec, String sessionKey, boolean partialUpdates) {
        super(sim, ref);
        this.spec = spec;
        this.sessionKey = sessionKey;
        props.put("partialUpdates", partialUpdates);
    }

    public FilterSpec spec() {
        return spec;
    }

    public String sessionKey() {
        return sessionKey;
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        if (method.equals("DestroyPropertyFilter")) {
            sim.inventory().remove(this);
            if (ctx.session() != null) ctx.session().updates.seen.remove(ref().value());
            return null;
        }
        return super.invoke(method, args, ctx);
    }
}
