package dev.vch.vsphere.api;

import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.Props;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Inventory lookups by walking the tree with plain property reads (yavijava's InventoryNavigator
 * finds nothing on 6.x servers). Paths are relative to a datacenter's host folder
 * ({@code cluster}, {@code cluster/pool}, {@code host}) or absolute ({@code /dc/host/cluster/Resources/pool}).
 */
public final class Inventory {

  private final Props props;
  private final MoRef rootFolder;

  Inventory(Props props, MoRef rootFolder) {
    this.props = props;
    this.rootFolder = rootFolder;
  }

  public List<Datacenter> datacenters() {
    List<MoRef> dcs = new ArrayList<>();
    collectDatacenters(rootFolder, dcs);
    List<Datacenter> out = new ArrayList<>();
    props.get(dcs, "name", "vmFolder", "hostFolder", "datastoreFolder", "networkFolder").forEach((ref, p) ->
        out.add(new Datacenter(ref, Props.str(p, "name"), (MoRef) p.get("vmFolder"), (MoRef) p.get("hostFolder"),
            (MoRef) p.get("datastoreFolder"), (MoRef) p.get("networkFolder"))));
    return out;
  }

  private void collectDatacenters(MoRef folder, List<MoRef> out) {
    for (MoRef child : Props.refList(props.get(folder, "childEntity"), "childEntity")) {
      if (child.type().equals("Datacenter")) {
        out.add(child);
      } else if (child.type().equals("Folder")) {
        collectDatacenters(child, out);
      }
    }
  }

  /** The named datacenter, or the only one when {@code name} is null. */
  public Datacenter datacenter(String name) {
    List<Datacenter> all = datacenters();
    if (name == null) {
      if (all.size() == 1) {
        return all.get(0);
      }
      throw new VsphereException(all.isEmpty() ? Kind.NOT_FOUND : Kind.INVALID, all.isEmpty()
          ? "the target has no datacenter"
          : "the target has several datacenters; name one in the target URL (https://host/<datacenter>): "
              + all.stream().map(Datacenter::name).toList());
    }
    return all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
        new VsphereException(Kind.NOT_FOUND, "datacenter '" + name + "' not found; the target has "
            + all.stream().map(Datacenter::name).toList()));
  }

  /** Children of {@code parent} through {@code property}, by name. */
  public Map<String, MoRef> children(MoRef parent, String property) {
    List<MoRef> kids = Props.refList(props.get(parent, property), property);
    Map<String, MoRef> out = new LinkedHashMap<>();
    props.get(kids, "name").forEach((ref, p) -> out.put(Props.str(p, "name"), ref));
    return out;
  }

  /** Compute resources (clusters and standalone hosts) below the datacenter's host folder. */
  public List<String> computeResourcePaths(Datacenter dc) {
    List<String> out = new ArrayList<>();
    walkCompute(dc.hostFolder(), "", out);
    return out;
  }

  private void walkCompute(MoRef folder, String prefix, List<String> out) {
    children(folder, "childEntity").forEach((name, ref) -> {
      if (ref.type().equals("Folder")) {
        walkCompute(ref, prefix + name + "/", out);
      } else if (ref.type().endsWith("ComputeResource")) {
        out.add(prefix + name);
      }
    });
  }

  /** Resolves {@code --compute-resource}; null or empty picks the only compute resource. */
  public ComputeResource computeResource(Datacenter dc, String path) {
    String rel = path == null ? "" : path.trim();
    String absPrefix = "/" + dc.name() + "/host";
    if (rel.startsWith(absPrefix)) {
      rel = rel.substring(absPrefix.length());
    }
    rel = rel.replaceAll("^/+|/+$", "");
    if (rel.isEmpty()) {
      List<String> all = computeResourcePaths(dc);
      if (all.size() != 1) {
        throw new VsphereException(all.isEmpty() ? Kind.NOT_FOUND : Kind.INVALID, all.isEmpty()
            ? "datacenter '" + dc.name() + "' has no compute resource"
            : "datacenter '" + dc.name() + "' has several compute resources; choose one with --compute-resource: "
                + all);
      }
      rel = all.get(0);
    }
    MoRef current = dc.hostFolder();
    MoRef compute = null;
    StringBuilder walked = new StringBuilder();
    for (String seg : rel.split("/")) {
      MoRef next;
      if (current.type().equals("Folder")) {
        next = children(current, "childEntity").get(seg);
      } else if (current.type().endsWith("ComputeResource")) {
        compute = current;
        MoRef root = (MoRef) props.get(current, "resourcePool").get("resourcePool");
        next = seg.equals("Resources") ? root : children(root, "resourcePool").get(seg);
      } else {
        next = children(current, "resourcePool").get(seg);
      }
      walked.append(walked.isEmpty() ? "" : "/").append(seg);
      if (next == null) {
        throw new VsphereException(Kind.NOT_FOUND, "compute resource '" + walked + "' not found in datacenter '"
            + dc.name() + "'; it has " + computeResourcePaths(dc));
      }
      current = next;
    }
    if (current.type().endsWith("ComputeResource")) {
      compute = current;
    }
    if (compute == null) {
      throw new VsphereException(Kind.INVALID, "'" + rel + "' is a folder, not a compute resource");
    }
    Map<String, Object> p = props.get(compute, "name", "host", "resourcePool");
    MoRef root = (MoRef) p.get("resourcePool");
    MoRef pool = current.type().endsWith("ComputeResource") ? root : current;
    return new ComputeResource(compute, Props.str(p, "name"), rel, compute.type().equals("ClusterComputeResource"),
        Props.refList(p, "host"), root, pool, dc);
  }

  public List<Host> hosts(ComputeResource cr) {
    List<Host> out = new ArrayList<>();
    props.get(cr.hosts(), "name", "configManager.firewallSystem", "configManager.networkSystem",
        "runtime.connectionState").forEach((ref, p) -> out.add(new Host(ref, Props.str(p, "name"),
        (MoRef) p.get("configManager.firewallSystem"), (MoRef) p.get("configManager.networkSystem"),
        Props.str(p, "runtime.connectionState"))));
    return out;
  }

  public List<Datastore> datastores(Datacenter dc) {
    List<MoRef> refs = Props.refList(props.get(dc.ref(), "datastore"), "datastore");
    List<Datastore> out = new ArrayList<>();
    props.get(refs, "name", "summary.url", "summary.capacity", "summary.freeSpace", "summary.accessible")
        .forEach((ref, p) -> out.add(new Datastore(ref, Props.str(p, "name"), Props.str(p, "summary.url"),
            num(p.get("summary.capacity")), num(p.get("summary.freeSpace")),
            !Boolean.FALSE.equals(p.get("summary.accessible")))));
    return out;
  }

  public Datastore datastore(Datacenter dc, String name) {
    List<Datastore> all = datastores(dc);
    return all.stream().filter(d -> d.name().equals(name)).findFirst().orElseThrow(() ->
        new VsphereException(Kind.NOT_FOUND, "datastore '" + name + "' not found in datacenter '" + dc.name()
            + "'; it has " + all.stream().map(Datastore::name).toList()));
  }

  public List<Network> networks(Datacenter dc) {
    List<MoRef> refs = Props.refList(props.get(dc.ref(), "network"), "network");
    List<Network> out = new ArrayList<>();
    props.get(refs, "name").forEach((ref, p) -> out.add(new Network(ref, Props.str(p, "name"))));
    return out;
  }

  public Network network(Datacenter dc, String name) {
    List<Network> all = networks(dc);
    return all.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow(() ->
        new VsphereException(Kind.NOT_FOUND, "network '" + name + "' not found in datacenter '" + dc.name()
            + "'; it has " + all.stream().map(Network::name).toList()));
  }

  /** Child resource pools and vApps of a pool. */
  public List<ResourcePoolInfo> childPools(MoRef pool, String parentPath) {
    List<ResourcePoolInfo> out = new ArrayList<>();
    children(pool, "resourcePool").forEach((name, ref) ->
        out.add(new ResourcePoolInfo(ref, name, parentPath + "/" + name, pool)));
    return out;
  }

  /**
   * Inventory paths ({@code /dc/host/cluster/Resources/pool}) of the given objects, reading
   * names and parents level by level for all of them at once.
   */
  public Map<MoRef, String> paths(java.util.Collection<MoRef> objects) {
    Map<MoRef, String> names = new java.util.HashMap<>();
    Map<MoRef, MoRef> parents = new java.util.HashMap<>();
    java.util.Set<MoRef> todo = new java.util.LinkedHashSet<>(objects);
    while (!todo.isEmpty()) {
      java.util.Set<MoRef> next = new java.util.LinkedHashSet<>();
      props.get(new ArrayList<>(todo), "name", "parent").forEach((ref, p) -> {
        names.put(ref, Props.str(p, "name"));
        MoRef parent = (MoRef) p.get("parent");
        if (parent != null) {
          parents.put(ref, parent);
          if (!names.containsKey(parent)) {
            next.add(parent);
          }
        }
      });
      next.removeAll(names.keySet());
      todo = next;
    }
    Map<MoRef, String> out = new LinkedHashMap<>();
    for (MoRef o : objects) {
      StringBuilder sb = new StringBuilder();
      for (MoRef c = o; c != null && parents.containsKey(c); c = parents.get(c)) {
        sb.insert(0, "/" + names.get(c));
      }
      out.put(o, sb.isEmpty() ? "/" : sb.toString());
    }
    return out;
  }

  static long num(Object o) {
    return o instanceof Number n ? n.longValue() : 0L;
  }
}
