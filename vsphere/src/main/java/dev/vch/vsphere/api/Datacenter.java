package dev.vch.vsphere.api;

/** A datacenter and its four root folders. */
public record Datacenter(MoRef ref, String name, MoRef vmFolder, MoRef hostFolder, MoRef datastoreFolder,
    MoRef networkFolder) {}
