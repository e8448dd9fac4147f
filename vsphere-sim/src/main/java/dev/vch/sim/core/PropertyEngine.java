package dev.vch.sim.core;

import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates filter specs as vCenter does: start at each objectSet.obj, follow TraversalSpecs whose
 * type is the object's type or a supertype, honour skip, resolve bare SelectionSpec names, and
 * collect the properties of every propSet whose type matches (subtypes included).
 */
public final class PropertyEngine {
    private final Inventory inventory;

    public PropertyEngine(Inventory inventory) {
        this.inventory = inventory;
    }

    /** Every object the spec selects, in traversal order. */
    public List<ManagedObject> select(FilterSpec spec, boolean missingObjectsFault) {
        LinkedHashSet<ManagedObject> out = new LinkedHashSet<>();
        for (FilterSpec.ObjSpec o : spec.objectSet()) {
            ManagedObject root = missingObjectsFault ? inventory.get(o.obj()) : inventory.find(o.obj());
            if (root == null) continue;
            Map<String, FilterSpec.Selection> named = new HashMap<>();
            collectNames(o.selectSet(), named);
            walk(root, o.skip(), o.selectSet(), named, new HashSet<>(), out);
        }
        return new ArrayList<>(out);
    }

    private static void collectNames(List<FilterSpec.Selection> sels, Map<String, FilterSpec.Selection> named) {
        for (FilterSpec.Selection s : sels) {
            if (s.isTraversal()) {
                if (s.name() != null && !s.name().isEmpty()) named.putIfAbsent(s.name(), s);
                collectNames(s.selectSet(), named);
            }
        }
    }

    private void walk(ManagedObject mo, boolean skip, List<FilterSpec.Selection> sels, Map<String, FilterSpec.Selection> named,
            Set<String> visited, Set<ManagedObject> out) {
        if (!skip) out.add(mo);
        for (FilterSpec.Selection sel : sels) {
            FilterSpec.Selection ts = sel.isTraversal() ? sel : named.get(sel.name());
            if (ts == null || !TypeHierarchy.isA(mo.type(), ts.type())) continue;
            if (!visited.add(mo.ref().value() + "\u0000" + ts.type() + "\u0000" + ts.path() + "\u0000" + ts.name() + "\u0000" + ts.skip())) continue;
            Object v = mo.hasProperty(firstSegment(ts.path())) ? resolve(mo, ts.path()) : null;
            for (MoRef r : refsIn(v)) {
                ManagedObject child = inventory.find(r);
                if (child != null) walk(child, ts.skip(), ts.selectSet(), named, visited, out);
            }
        }
    }

    private static String firstSegment(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(0, dot);
    }

    static List<MoRef> refsIn(Object v) {
        if (v instanceof MoRef r) return List.of(r);
        List<MoRef> out = new ArrayList<>();
        if (v instanceof ArrayOf a) {
            for (Object o : a.items()) {
                if (o instanceof MoRef r) out.add(r);
            }
        }
        return out;
    }

    /** A property path's value ("config.extraConfig"), null when some step is unset. */
    public static Object resolve(ManagedObject mo, String path) {
        String[] parts = path.split("\\.");
        Object v = mo.property(parts[0]);
        for (int i = 1; i < parts.length && v != null; i++) {
            v = v instanceof DataObject d ? d.get(parts[i]) : null;
        }
        return v;
    }

    /** The paths of the spec that apply to {@code mo}, in order; empty when no propSet matches. */
    public static Map<String, Boolean> pathsFor(ManagedObject mo, FilterSpec spec) {
        Map<String, Boolean> paths = new LinkedHashMap<>();
        boolean matched = false;
        for (FilterSpec.PropSpec ps : spec.propSet()) {
            if (!TypeHierarchy.isA(mo.type(), ps.type())) continue;
            matched = true;
            if (ps.all()) {
                for (String n : mo.propertyNames()) paths.put(n, true);
            }
            for (String p : ps.pathSet()) paths.put(p, true);
        }
        return matched ? paths : null;
    }

    /** ObjectContent for one object: its properties and a missingSet for paths the type does not have. */
    public static DataObject objectContent(ManagedObject mo, Map<String, Boolean> paths) {
        ArrayOf propSet = ArrayOf.of("DynamicProperty");
        ArrayOf missing = ArrayOf.of("MissingProperty");
        for (String p : paths.keySet()) {
            if (!mo.hasProperty(firstSegment(p))) {
                VimFault f = VimFault.invalidProperty(p);
                missing.items().add(DataObject.of("MissingProperty", "path", p,
                        "fault", DataObject.of("LocalizedMethodFault", "fault", f.fault(), "localizedMessage", f.getMessage())));
                continue;
            }
            Object v = resolve(mo, p);
            if (v != null) propSet.items().add(DataObject.of("DynamicProperty", "name", p, "val", v));
        }
        DataObject oc = DataObject.of("ObjectContent", "obj", mo.ref());
        if (!propSet.items().isEmpty()) oc.put("propSet", propSet);
        if (!missing.items().isEmpty()) oc.put("missingSet", missing);
        return oc;
    }

    /** RetrieveProperties over several specs. */
    public List<DataObject> retrieve(List<FilterSpec> specs) {
        List<DataObject> out = new ArrayList<>();
        for (FilterSpec spec : specs) {
            for (ManagedObject mo : select(spec, true)) {
                Map<String, Boolean> paths = pathsFor(mo, spec);
                if (paths != null) out.add(objectContent(mo, paths));
            }
        }
        return out;
    }
}
