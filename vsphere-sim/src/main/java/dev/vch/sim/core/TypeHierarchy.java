package dev.vch.sim.core;

import java.util.Map;

/** Managed object supertypes, for traversal specs and propSet types that name a supertype. */
public final class TypeHierarchy {
    private TypeHierarchy() {
    }

    private static final Map<String, String> PARENT = Map.ofEntries(
            Map.entry("ManagedEntity", "ExtensibleManagedObject"),
            Map.entry("Task", "ExtensibleManagedObject"),
            Map.entry("Folder", "ManagedEntity"),
            Map.entry("Datacenter", "ManagedEntity"),
            Map.entry("ComputeResource", "ManagedEntity"),
            Map.entry("ClusterComputeResource", "ComputeResource"),
            Map.entry("ResourcePool", "ManagedEntity"),
            Map.entry("VirtualApp", "ResourcePool"),
            Map.entry("VirtualMachine", "ManagedEntity"),
            Map.entry("HostSystem", "ManagedEntity"),
            Map.entry("Datastore", "ManagedEntity"),
            Map.entry("Network", "ManagedEntity"),
            Map.entry("DistributedVirtualPortgroup", "Network"),
            Map.entry("ContainerView", "ManagedObjectView"),
            Map.entry("ListView", "ManagedObjectView"),
            Map.entry("ManagedObjectView", "View"),
            Map.entry("HostDatastoreBrowser", "ManagedObject"));

    /** Whether {@code type} is {@code ancestor} or derives from it. */
    public static boolean isA(String type, String ancestor) {
        if (ancestor == null) return false;
        if (ancestor.equals("ManagedObject")) return true;
        for (String t = type; t != null; t = PARENT.get(t)) {
            if (t.equals(ancestor)) return true;
        }
        return false;
    }
}
