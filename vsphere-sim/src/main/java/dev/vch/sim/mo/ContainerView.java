package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.core.TypeHierarchy;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The objects of given types under a container (its children, or all descendants when recursive). */
public final class ContainerView extends ManagedObject {
    private final List<String> types;

    public ContainerView(Sim sim, MoRef ref, MoRef container, List<String> types, boolean recursive) {
        super(sim, ref);
        this.types = List.copyOf(types);
        props.put("container", container);
        props.put("type", ArrayOf.of("string", types));
        props.put("recursive", recursive);
    }

    @Override
    public Object property(String name) {
        return name.equals("view") ? view() : super.property(name);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(props.keySet());
        names.add("view");
        return names;
    }

    private ArrayOf view() {
        ArrayOf out = ArrayOf.of("ManagedObjectReference");
        boolean recursive = (Boolean) props.get("recursive");
        Deque<MoRef> todo = new ArrayDeque<>();
        Set<MoRef> seen = new HashSet<>();
        ManagedObject root = sim.inventory().find((MoRef) props.get("container"));
        if (!(root instanceof ManagedEntity re)) return out;
        todo.addAll(re.children());
        while (!todo.isEmpty()) {
            MoRef r = todo.removeFirst();
            if (!seen.add(r) || !(sim.inventory().find(r) instanceof ManagedEntity e)) continue;
            if (matches(e.type())) out.items().add(r);
            if (recursive) todo.addAll(e.children());
        }
        return out;
    }

    private boolean matches(String type) {
        if (types.isEmpty()) return true;
        for (String t : types) {
            if (TypeHierarchy.isA(type, t)) return true;
        }
        return false;
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        if (method.equals("DestroyView")) {
            sim.inventory().remove(this);
            return null;
        }
        return super.invoke(method, args, ctx);
    }
}
