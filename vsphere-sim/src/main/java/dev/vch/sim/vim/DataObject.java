package dev.vch.sim.vim;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A vim25 data object held generically: its type name and its fields in wire order. Field values
 * are String, Integer, Long, Short, Boolean, Instant, {@link MoRef}, {@link EnumValue},
 * {@link ArrayOf} or nested DataObjects. A null type means "the declared type of the slot" (an
 * object a client sent without xsi:type), written back without xsi:type.
 */
public final class DataObject {
    private final String type;
    private final LinkedHashMap<String, Object> fields = new LinkedHashMap<>();

    public DataObject(String type) {
        this.type = type;
    }

    public static DataObject of(String type, Object... namesAndValues) {
        DataObject d = new DataObject(type);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            d.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return d;
    }

    public String type() {
        return type;
    }

    public Map<String, Object> fields() {
        return fields;
    }

    /** Sets a field (null removes it), keeping its position when it exists. */
    public DataObject put(String name, Object value) {
        if (value == null) {
            fields.remove(name);
        } else {
            fields.put(name, value);
        }
        return this;
    }

    public Object get(String name) {
        return fields.get(name);
    }

    public DataObject obj(String name) {
        return fields.get(name) instanceof DataObject d ? d : null;
    }

    public String str(String name) {
        Object v = fields.get(name);
        return v == null ? null : v.toString();
    }

    public Integer integer(String name) {
        Object v = fields.get(name);
        if (v == null) return null;
        if (v instanceof Number n) return n.intValue();
        try {
            return Integer.valueOf(v.toString().trim());
        } catch (NumberFormatException e) {
            throw VimFault.invalidArgument(name);
        }
    }

    public Long longValue(String name) {
        Object v = fields.get(name);
        if (v == null) return null;
        if (v instanceof Number n) return n.longValue();
        try {
            return Long.valueOf(v.toString().trim());
        } catch (NumberFormatException e) {
            throw VimFault.invalidArgument(name);
        }
    }

    public boolean bool(String name, boolean dflt) {
        Object v = fields.get(name);
        if (v == null) return dflt;
        if (v instanceof Boolean b) return b;
        return Boolean.parseBoolean(v.toString().trim()) || "1".equals(v.toString().trim());
    }

    public MoRef ref(String name) {
        return fields.get(name) instanceof MoRef r ? r : null;
    }

    /** The field as a list, whether the client sent it once, repeated or not at all. */
    public List<Object> list(String name) {
        Object v = fields.get(name);
        if (v == null) return List.of();
        if (v instanceof ArrayOf a) return a.items();
        return List.of(v);
    }

    /** A deep copy (primitives and refs are immutable). */
    public DataObject copy() {
        DataObject d = new DataObject(type);
        fields.forEach((k, v) -> d.fields.put(k, copyValue(v)));
        return d;
    }

    public static Object copyValue(Object v) {
        if (v instanceof DataObject d) return d.copy();
        if (v instanceof ArrayOf a) {
            List<Object> items = new ArrayList<>(a.items().size());
            for (Object o : a.items()) items.add(copyValue(o));
            return new ArrayOf(a.itemType(), items);
        }
        return v;
    }

    @Override
    public String toString() {
        return (type == null ? "?" : type) + fields;
    }
}
