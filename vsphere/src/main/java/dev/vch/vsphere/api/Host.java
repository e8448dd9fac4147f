package dev.vch.vsphere.api;

/** An ESX host with the managers the installer uses on it. */
public record Host(MoRef ref, String name, MoRef firewallSystem, MoRef networkSystem, String connectionState) {}
