package dev.vch.sim.vim;

/** An enum value; its type matters only where it lands in an untyped (xsd:anyType) slot. */
public record EnumValue(String type, String value) {
    @Override
    public String toString() {
        return value;
    }
}
