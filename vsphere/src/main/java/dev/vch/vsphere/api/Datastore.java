package dev.vch.vsphere.api;

/** A datastore as the installer needs to see it. */
public record Datastore(MoRef ref, String name, String url, long capacityBytes, long freeBytes,
    boolean accessible) {}
