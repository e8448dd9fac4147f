package dev.vch.sim.core;

import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A managed object: a reference, its properties by name and the methods it answers. One subclass
 * per vim25 managed object type (in package {@code mo}), in the manner of govmomi's simulator.
 */
public abstract class ManagedObject {
    protected final Sim sim;
    private final MoRef ref;
    protected final Map<String, Object> props = new LinkedHashMap<>();

    protected ManagedObject(Sim sim, MoRef ref) {
        this.sim = sim;
        this.ref = ref;
    }

    public final MoRef ref() {
        return ref;
    }

    public final String type() {
        return ref.type();
    }

    /** A top-level property; subclasses compute some (summary, ...). */
    public Object property(String name) {
        return props.get(name);
    }

    /** The names a client may ask for (and gets with {@code all=true}). */
    public Collection<String> propertyNames() {
        return props.keySet().stream().filter(k -> !k.startsWith("_")).toList();
    }

    public boolean hasProperty(String name) {
        return !name.startsWith("_") && (props.containsKey(name) || propertyNames().contains(name));
    }

    public Map<String, Object> rawProperties() {
        return props;
    }

    /** Sets a property and marks the object for persistence. */
    public void set(String name, Object value) {
        props.put(name, value);
        touch();
    }

    /** Marks the object changed (persisted at the end of the call). */
    public void touch() {
        sim.inventory().dirty(this);
    }

    /** Whether the object survives a restart (inventory objects do; sessions, tasks, views do not). */
    public boolean persistent() {
        return false;
    }

    /** Called with the properties read back from the state directory. */
    public void restored() {
    }

    /** Runs a vim25 method on this object; the default answers MethodNotFound. */
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        throw VimFault.methodNotFound(ref, method);
    }

    @Override
    public String toString() {
        return ref.toString();
    }
}
