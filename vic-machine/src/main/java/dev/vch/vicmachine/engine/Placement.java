package dev.vch.vicmachine.engine;

import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.Datastore;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.Network;
import java.util.List;
import java.util.Map;

/** Where a VCH goes, as validated against the target. {@code networks}: by name. */
record Placement(boolean vcenter, Datacenter datacenter, ComputeResource compute, List<Host> hosts,
    Datastore datastore, Map<String, Network> networks) {}
