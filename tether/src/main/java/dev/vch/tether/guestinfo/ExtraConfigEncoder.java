package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.lang.reflect.InvocationTargetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** Walks a record and writes its keys; collects which keys are secret or guest-writable. */
final class ExtraConfigEncoder {

    // a map key becomes part of an extraConfig key: the guestinfo channel forbids = % CR LF, its line protocol spaces
    private static final Pattern BAD_MAP_KEY = Pattern.compile("[=%\\s\\p{Cntrl}]");

    private final String prefix;
    private final Map<String, String> out = new TreeMap<>();
    private final Set<String> secrets = new TreeSet<>();
    private final Set<String> writable = new TreeSet<>();

    ExtraConfigEncoder(String prefix) {
        this.prefix = prefix;
    }

    ExtraConfigCodec.Encoded encode(Object root) {
        Shape.Struct shape = Shape.struct(root.getClass());
        writeStruct(shape, root, KeyPath.ROOT);
        return new ExtraConfigCodec.Encoded(out, secrets, writable);
    }

    private void put(KeyPath path, String value) {
        String key = path.render(prefix);
        out.put(key, value);
        if (path.secret()) secrets.add(key);
        if (path.guestWritable()) writable.add(key);
    }

    private void writeStruct(Shape.Struct shape, Object value, KeyPath path) {
        for (Shape.Component c : shape.components()) {
            Object field = read(c, value);
            if (field != null) {
                write(c.shape(), field, path.child(c.key(), c.guestWritable(), c.secret()));
            }
        }
    }

    private void write(Shape shape, Object value, KeyPath path) {
        switch (shape) {
            case Shape.Scalar s -> put(path, Scalars.toText(value));
            case Shape.Struct s -> writeStruct(s, value, path);
            case Shape.Opt o -> ((Optional<?>) value).ifPresent(v -> write(o.value(), v, path));
            case Shape.ScalarList l -> {
                List<?> list = (List<?>) value;
                if (!list.isEmpty()) {
                    List<String> parts = new ArrayList<>(list.size());
                    for (Object e : list) {
                        if (e == null) throw new TetherException(TetherException.Kind.CODEC, "null element in list at " + path.render(prefix));
                        parts.add(Scalars.escapeElement(Scalars.toText(e)));
                    }
                    put(path.suffixed("~"), String.join("|", parts));
                }
            }
            case Shape.StructList l -> {
                List<?> list = (List<?>) value;
                if (!list.isEmpty()) {
                    put(path, Integer.toString(list.size() - 1));
                    for (int i = 0; i < list.size(); i++) {
                        Object e = list.get(i);
                        if (e == null) throw new TetherException(TetherException.Kind.CODEC, "null element in list at " + path.render(prefix));
                        writeStruct(l.element(), e, path.suffixed("|" + i));
                    }
                }
            }
            case Shape.StringMap m -> {
                Map<?, ?> map = new TreeMap<>((Map<?, ?>) value);
                if (!map.isEmpty()) {
                    List<String> keys = new ArrayList<>(map.size());
                    for (Map.Entry<?, ?> e : map.entrySet()) {
                        String k = (String) e.getKey();
                        if (k.isEmpty() || BAD_MAP_KEY.matcher(k).find()) {
                            throw new TetherException(TetherException.Kind.CODEC, "map key \"" + k + "\" at " + path.render(prefix)
                                    + " is empty or contains '=', '%', whitespace or control characters");
                        }
                        keys.add(Scalars.escapeElement(k));
                        if (e.getValue() != null) write(m.value(), e.getValue(), path.suffixed("|" + k));
                    }
                    put(path, String.join("|", keys));
                }
            }
        }
    }

    private static Object read(Shape.Component c, Object owner) {
        try {
            return c.accessor().invoke(owner);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new TetherException(TetherException.Kind.CODEC, "cannot read component " + c.name() + " of " + owner.getClass().getName(), e);
        }
    }
}
