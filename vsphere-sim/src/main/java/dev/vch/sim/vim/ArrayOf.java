package dev.vch.sim.vim;

import java.util.ArrayList;
import java.util.List;

/**
 * A vim25 array. In a typed slot it is written as repeated elements; in an untyped slot as
 * {@code ArrayOf<ItemType>} whose items are named after the item type.
 *
 * @param itemType {@code string}, {@code int}, {@code ManagedObjectReference}, {@code OptionValue}, ...
 *     (null when parsed from a typed slot of a request, where the client did not say)
 */
public record ArrayOf(String itemType, List<Object> items) {
    public ArrayOf {
        items = items == null ? new ArrayList<>() : items;
    }

    public static ArrayOf of(String itemType) {
        return new ArrayOf(itemType, new ArrayList<>());
    }

    public static ArrayOf of(String itemType, List<?> items) {
        return new ArrayOf(itemType, new ArrayList<>(items));
    }

    /** {@code ArrayOfString}, {@code ArrayOfManagedObjectReference}, ... */
    public String xsdName() {
        String t = itemType == null ? "AnyType" : itemType;
        return "ArrayOf" + Character.toUpperCase(t.charAt(0)) + t.substring(1);
    }

    public int size() {
        return items.size();
    }
}
