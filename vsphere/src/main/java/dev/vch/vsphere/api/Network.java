package dev.vch.vsphere.api;

/** A network or portgroup; {@code ref.type()} is Network, DistributedVirtualPortgroup or OpaqueNetwork. */
public record Network(MoRef ref, String name) {}
