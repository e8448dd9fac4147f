package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a record back from extraConfig keys. Absent keys give null (objects), 0/false (primitives),
 * empty lists/maps and Optional.empty(); a nested record with no key at all decodes as null.
 */
final class ExtraConfigDecoder {

    private final String prefix;
    private final Map<String, String> in;
    private int hits;

    ExtraConfigDecoder(String prefix, Map<String, String> in) {
        this.prefix = prefix;
        this.in = in;
    }

    <T> T decode(Class<T> type) {
        return type.cast(readStruct(Shape.struct(type), KeyPath.ROOT, true));
    }

    private String get(KeyPath path) {
        String v = in.get(path.render(prefix));
        if (v != null) hits++;
        return v;
    }

    private Object readStruct(Shape.Struct shape, KeyPath path, boolean always) {
        int before = hits;
        Object[] args = new Object[shape.components().size()];
        for (int i = 0; i < args.length; i++) {
            Shape.Component c = shape.components().get(i);
            Object v = read(c.shape(), path.child(c.key(), c.guestWritable(), c.secret()));
            args[i] = v == null ? Scalars.defaultFor(c.rawType()) : v;
        }
        if (!always && hits == before) return null;
        try {
            return shape.constructor().newInstance(args);
        } catch (InvocationTargetException e) {
            throw new TetherException(TetherException.Kind.CODEC, "Tried to build " + shape.type().getSimpleName() + " from "
                    + path.render(prefix) + " but it refused the values: " + e.getCause().getMessage(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new TetherException(TetherException.Kind.CODEC, "cannot construct " + shape.type().getName(), e);
        }
    }

    private Object read(Shape shape, KeyPath path) {
        return switch (shape) {
            case Shape.Scalar s -> {
                String text = get(path);
                yield text == null ? null : Scalars.fromText(s.type(), text, path.render(prefix));
            }
            case Shape.Struct s -> readStruct(s, path, false);
            case Shape.Opt o -> Optional.ofNullable(read(o.value(), path));
            case Shape.ScalarList l -> {
                String text = get(path.suffixed("~"));
                List<Object> list = new ArrayList<>();
                if (text != null && !text.isEmpty()) {
                    for (String part : text.split("\\|", -1)) {
                        list.add(Scalars.fromText(l.element(), Scalars.unescapeElement(part), path.render(prefix)));
                    }
                }
                yield List.copyOf(list);
            }
            case Shape.StructList l -> {
                String base = get(path);
                List<Object> list = new ArrayList<>();
                if (base != null && !base.isBlank()) {
                    int last = (Integer) Scalars.fromText(int.class, base, path.render(prefix));
                    for (int i = 0; i <= last; i++) {
                        list.add(readStruct(l.element(), path.suffixed("|" + i), true));
                    }
                }
                yield List.copyOf(list);
            }
            case Shape.StringMap m -> {
                String base = get(path);
                Map<String, Object> map = new LinkedHashMap<>();
                if (base != null && !base.isEmpty()) {
                    for (String part : base.split("\\|", -1)) {
                        String k = Scalars.unescapeElement(part);
                        Object v = m.value() instanceof Shape.Struct s ? readStruct(s, path.suffixed("|" + k), true)
                                : read(m.value(), path.suffixed("|" + k));
                        if (v != null) map.put(k, v);
                    }
                }
                yield java.util.Collections.unmodifiableMap(map);
            }
        };
    }
}
