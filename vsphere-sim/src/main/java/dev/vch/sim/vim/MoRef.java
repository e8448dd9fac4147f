package dev.vch.sim.vim;

import java.util.Objects;

/** A ManagedObjectReference: the object's type and its id ("value"). */
public record MoRef(String type, String value) {
    public MoRef {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
    }

    @Override
    public String toString() {
        return type + ":" + value;
    }
}
