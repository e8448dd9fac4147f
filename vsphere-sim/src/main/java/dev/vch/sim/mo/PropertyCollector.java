package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.FilterSpec;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.PropertyEngine;
import dev.vch.sim.core.Session;
import dev.vch.sim.core.Sim;
import dev.vch.sim.core.UpdateState;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.VimVersion;
import dev.vch.sim.vim.VimWriter;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** RetrieveProperties(Ex), CreateFilter and WaitForUpdates(Ex) over the session's filters. */
public final class PropertyCollector extends ManagedObject {
    private static final long FOREVER_MILLIS = 3_600_000L;
    private final PropertyEngine engine;

    public PropertyCollector(Sim sim) {
        super(sim, new MoRef("PropertyCollector", "propertyCollector"));
        this.engine = new PropertyEngine(sim.inventory());
    }

    @Override
    public Object property(String name) {
        if (name.equals("filter")) {
            CallContext ctx = CallContext.current();
            ArrayOf out = ArrayOf.of("ManagedObjectReference");
            if (ctx != null && ctx.session() != null) {
                for (PropertyFilter f : sim.inventory().all(PropertyFilter.class)) {
                    if (f.sessionKey().equals(ctx.session().key())) out.items().add(f.ref());
                }
            }
            return out;
        }
        return super.property(name);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        return List.of("filter");
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "RetrieveProperties" -> ArrayOf.of("ObjectContent", engine.retrieve(specs(args)));
            case "RetrievePropertiesEx" -> retrieveEx(args, ctx);
            case "ContinueRetrievePropertiesEx" -> page(ctx.requireSession(ref()), Args.requiredText(args, "token"), Integer.MAX_VALUE);
            case "CancelRetrievePropertiesEx" -> {
                ctx.requireSession(ref()).retrieveTokens.remove(Args.requiredText(args, "token"));
                yield null;
            }
            case "CreateFilter" -> createFilter(args, ctx);
            case "WaitForUpdates" -> waitForUpdates(Args.text(args, "version"), FOREVER_MILLIS, ctx, false);
            case "WaitForUpdatesEx" -> {
                XmlNode opts = args.child("options");
                String wait = opts == null ? null : opts.childText("maxWaitSeconds");
                long millis = wait == null ? FOREVER_MILLIS : Math.max(0, Long.parseLong(wait)) * 1000;
                yield waitForUpdates(Args.text(args, "version"), millis, ctx, true);
            }
            case "CheckForUpdates" -> waitForUpdates(Args.text(args, "version"), 0, ctx, true);
            case "CancelWaitForUpdates" -> {
                ctx.requireSession(ref()).updates.cancelled = true;
                sim.inventory().signal();
                yield null;
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    private static List<FilterSpec> specs(XmlNode args) {
        List<FilterSpec> specs = new ArrayList<>();
        for (XmlNode s : args.all("specSet")) specs.add(FilterSpec.parse(s));
        if (specs.isEmpty()) throw VimFault.invalidArgument("specSet");
        return specs;
    }

    private Object retrieveEx(XmlNode args, CallContext ctx) {
        Session s = ctx.requireSession(ref());
        List<DataObject> all = engine.retrieve(specs(args));
        XmlNode opts = args.child("options");
        String max = opts == null ? null : opts.childText("maxObjects");
        int limit = max == null || max.isEmpty() ? Integer.MAX_VALUE : Math.max(1, Integer.parseInt(max));
        if (all.isEmpty()) return null;
        String token = UUID.randomUUID().toString();
        s.retrieveTokens.put(token, new ArrayList<>(all));
        return page(s, token, limit);
    }

    private DataObject page(Session s, String token, int limit) {
        List<DataObject> rest = s.retrieveTokens.remove(token);
        if (rest == null) throw VimFault.invalidArgument("token");
        int n = Math.min(limit, rest.size());
        DataObject result = DataObject.of("RetrieveResult");
        if (n < rest.size()) {
            s.retrieveTokens.put(token, new ArrayList<>(rest.subList(n, rest.size())));
            result.put("token", token);
        }
        result.put("objects", ArrayOf.of("ObjectContent", rest.subList(0, n)));
        return result;
    }

    private MoRef createFilter(XmlNode args, CallContext ctx) {
        Session s = ctx.requireSession(ref());
        FilterSpec spec = FilterSpec.parse(args.child("spec"));
        engine.select(spec, true);
        MoRef ref = new MoRef("PropertyFilter", "session[" + s.key() + "]" + UUID.randomUUID());
        sim.inventory().add(new PropertyFilter(sim, ref, spec, s.key(), Args.bool(args, "partialUpdates", false)));
        return ref;
    }

    /** Waits until some filter of the session has changes, or the time is up (null then, for the Ex variants). */
    private Object waitForUpdates(String version, long millis, CallContext ctx, boolean ex) {
        Session s = ctx.requireSession(ref());
        UpdateState st = s.updates;
        if (version == null || version.isEmpty()) {
            synchronized (st) {
                st.seen.clear();
            }
        }
        st.cancelled = false;
        long deadline = System.currentTimeMillis() + millis;
        var lock = sim.inventory().lock();
        lock.lock();
        try {
            while (true) {
                long seq = sim.inventory().changeSeq();
                DataObject update = diff(s);
                if (update != null) return update;
                if (st.cancelled) {
                    st.cancelled = false;
                    throw new VimFault(new DataObject("RequestCanceled"), "The request was canceled");
                }
                long left = deadline - System.currentTimeMillis();
                if (left <= 0) {
                    if (ex) return null;
                    deadline = System.currentTimeMillis() + FOREVER_MILLIS;
                    continue;
                }
                try {
                    sim.inventory().awaitChange(seq, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new VimFault(new DataObject("RequestCanceled"), "The request was interrupted");
                }
            }
        } finally {
            lock.unlock();
        }
    }

    /** An UpdateSet with what changed since the client's last look, or null when nothing did. */
    private DataObject diff(Session s) {
        UpdateState st = s.updates;
        VimWriter w = VimWriter.wire(VimVersion.NEWEST);
        ArrayOf filterSet = ArrayOf.of("PropertyFilterUpdate");
        synchronized (st) {
            for (PropertyFilter f : sim.inventory().all(PropertyFilter.class)) {
                if (!f.sessionKey().equals(s.key())) continue;
                Map<MoRef, Map<String, String>> seen = st.seen.computeIfAbsent(f.ref().value(), k -> new HashMap<>());
                ArrayOf objectSet = ArrayOf.of("ObjectUpdate");
                Map<MoRef, Map<String, String>> now = new LinkedHashMap<>();
                for (ManagedObject mo : engine.select(f.spec(), false)) {
                    Map<String, Boolean> paths = PropertyEngine.pathsFor(mo, f.spec());
                    if (paths == null) continue;
                    Map<String, String> vals = new LinkedHashMap<>();
                    Map<String, Object> raw = new LinkedHashMap<>();
                    for (String p : paths.keySet()) {
                        if (!mo.hasProperty(p.split("\\.")[0])) continue;
                        Object v = PropertyEngine.resolve(mo, p);
                        StringBuilder sb = new StringBuilder();
                        if (v != null) w.element(sb, "v", v, true);
                        vals.put(p, sb.toString());
                        raw.put(p, v);
                    }
                    now.put(mo.ref(), vals);
                    Map<String, String> before = seen.get(mo.ref());
                    ArrayOf changes = ArrayOf.of("PropertyChange");
                    for (Map.Entry<String, Object> e : raw.entrySet()) {
                        String old = before == null ? null : before.get(e.getKey());
                        if (before != null && vals.get(e.getKey()).equals(old)) continue;
                        if (before == null && e.getValue() == null) continue;
                        changes.items().add(DataObject.of("PropertyChange", "name", e.getKey(),
                                "op", new EnumValue("PropertyChangeOp", e.getValue() == null ? "unset" : "assign"), "val", e.getValue()));
                    }
                    if (before == null) {
                        objectSet.items().add(DataObject.of("ObjectUpdate", "kind", new EnumValue("ObjectUpdateKind", "enter"),
                                "obj", mo.ref(), "changeSet", changes));
                    } else if (!changes.items().isEmpty()) {
                        objectSet.items().add(DataObject.of("ObjectUpdate", "kind", new EnumValue("ObjectUpdateKind", "modify"),
                                "obj", mo.ref(), "changeSet", changes));
                    }
                }
                for (MoRef gone : seen.keySet()) {
                    if (!now.containsKey(gone)) {
                        objectSet.items().add(DataObject.of("ObjectUpdate", "kind", new EnumValue("ObjectUpdateKind", "leave"), "obj", gone));
                    }
                }
                seen.clear();
                seen.putAll(now);
                if (!objectSet.items().isEmpty()) {
                    filterSet.items().add(DataObject.of("PropertyFilterUpdate", "filter", f.ref(), "objectSet", objectSet));
                }
            }
            if (filterSet.items().isEmpty()) return null;
            st.version++;
            return DataObject.of("UpdateSet", "version", Long.toString(st.version), "filterSet", filterSet);
        }
    }
}
