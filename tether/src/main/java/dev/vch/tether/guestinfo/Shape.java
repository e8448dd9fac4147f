package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How a Java type maps onto extraConfig keys; built once per type by reflection and cached.
 * Unsupported types fail here, at the first use, with the component path in the message.
 */
sealed interface Shape {

    /** String, numbers, booleans, enums, Instant, byte[]: one key. */
    record Scalar(Class<?> type) implements Shape {
    }

    /** A record: one sub-path per component. */
    record Struct(Class<?> type, List<Component> components, Constructor<?> constructor) implements Shape {
    }

    /** List of scalars: one key {@code name~}, elements joined by {@code |}. */
    record ScalarList(Class<?> element) implements Shape {
    }

    /** List of records: entries {@code name|i}, the base key holds len-1. */
    record StructList(Struct element) implements Shape {
    }

    /** Map with String keys: the base key holds the sorted keys joined by {@code |}, entries {@code name|k}. */
    record StringMap(Shape value) implements Shape {
    }

    /** Optional of a scalar or record: absent keys mean empty. */
    record Opt(Shape value) implements Shape {
    }

    record Component(String name, String key, boolean guestWritable, boolean secret, Method accessor,
            Class<?> rawType, Shape shape) {
    }

    Map<Type, Shape> CACHE = new ConcurrentHashMap<>();

    static Shape of(Type type) {
        Shape cached = CACHE.get(type);
        if (cached != null) return cached;
        Shape built = build(type, type.getTypeName());
        CACHE.put(type, built);
        return built;
    }

    static Struct struct(Class<?> type) {
        if (!type.isRecord()) {
            throw new TetherException(TetherException.Kind.CODEC, "the extraConfig codec maps records only, not " + type.getName());
        }
        return (Struct) of(type);
    }

    private static Shape build(Type type, String where) {
        if (type instanceof Class<?> c) {
            if (Scalars.isScalar(c)) return new Scalar(c);
            if (c.isRecord()) return buildStruct(c);
            throw unsupported(where, type);
        }
        if (type instanceof ParameterizedType p && p.getRawType() instanceof Class<?> raw) {
            Type[] args = p.getActualTypeArguments();
            if (raw == List.class) {
                Shape element = build(args[0], where + "[]");
                if (element instanceof Scalar s) return new ScalarList(s.type());
                if (element instanceof Struct s) return new StructList(s);
                throw unsupported(where, type);
            }
            if (raw == Map.class) {
                if (args[0] != String.class) throw unsupported(where, type);
                Shape value = build(args[1], where + "{}");
                if (value instanceof Scalar || value instanceof Struct) return new StringMap(value);
                throw unsupported(where, type);
            }
            if (raw == Optional.class) {
                Shape value = build(args[0], where + "?");
                if (value instanceof Scalar || value instanceof Struct) return new Opt(value);
                throw unsupported(where, type);
            }
        }
        throw unsupported(where, type);
    }

    private static Struct buildStruct(Class<?> c) {
        RecordComponent[] rcs = c.getRecordComponents();
        List<Component> components = new ArrayList<>(rcs.length);
        Class<?>[] params = new Class<?>[rcs.length];
        for (int i = 0; i < rcs.length; i++) {
            RecordComponent rc = rcs[i];
            params[i] = rc.getType();
            Key key = rc.getAnnotation(Key.class);
            String segment = key != null ? key.value() : rc.getName();
            checkSegment(segment, c.getName() + "." + rc.getName());
            Method accessor = rc.getAccessor();
            accessor.setAccessible(true);
            Shape shape = rc.getType().isRecord() && rc.getType() == c
                    ? unsupportedRecursion(c) : build(rc.getGenericType(), c.getSimpleName() + "." + rc.getName());
            components.add(new Component(rc.getName(), segment, rc.isAnnotationPresent(GuestWritable.class),
                    rc.isAnnotationPresent(Secret.class), accessor, rc.getType(), shape));
        }
        try {
            Constructor<?> ctor = c.getDeclaredConstructor(params);
            ctor.setAccessible(true);
            return new Struct(c, List.copyOf(components), ctor);
        } catch (NoSuchMethodException e) {
            throw new TetherException(TetherException.Kind.CODEC, "record " + c.getName() + " has no canonical constructor", e);
        }
    }

    private static Shape unsupportedRecursion(Class<?> c) {
        throw new TetherException(TetherException.Kind.CODEC, "record " + c.getName() + " contains itself; the extraConfig encoding cannot express that");
    }

    private static void checkSegment(String segment, String where) {
        if (segment.isEmpty() || !segment.matches("[A-Za-z0-9_-]+")) {
            throw new TetherException(TetherException.Kind.CODEC,
                    "key segment \"" + segment + "\" of " + where + " must match [A-Za-z0-9_-]+");
        }
    }

    private static TetherException unsupported(String where, Type type) {
        return new TetherException(TetherException.Kind.CODEC, "the extraConfig codec cannot map " + where + " of type "
                + type.getTypeName() + " (supported: records, scalars, List of scalars or records, Map<String, scalar or record>, Optional)");
    }
}
