package dev.vch.vsphere.api;

/** A managed object reference ({@code type}, {@code value}), e.g. ("VirtualMachine", "vm-42"). */
public record MoRef(String type, String value) {
  public MoRef {
    if (type == null || value == null) {
      throw new IllegalArgumentException("a managed object reference needs a type and a value");
    }
  }

  @Override
  public String toString() {
    return type + ":" + value;
  }
}
