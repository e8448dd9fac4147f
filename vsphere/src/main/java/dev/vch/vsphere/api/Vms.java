package dev.vch.vsphere.api;

import com.vmware.vim25.ArrayOfVirtualDevice;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.TraversalSpec;
import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualCdromIsoBackingInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualMachineConfigSpec;
import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.ConfigSpecs;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import dev.vch.vsphere.internal.Tasks;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** VM life cycle: create from a {@link VmSpec}, power, reconfigure extraConfig and the boot ISO, read, destroy. */
public final class Vms {

  static final String[] VM_PATHS = {"name", "runtime.powerState", "guest.ipAddress", "resourcePool",
      "config.files.vmPathName", "config.extraConfig"};

  private final Session session;
  private final Props props;
  private final Tasks tasks;
  /**
   * Network names by reference, for NIC backings: read once per network, not per create (a
   * containerVM create is on the docker create path; portgroups are not renamed under a VCH).
   */
  private final Map<MoRef, String> networkNames = new java.util.concurrent.ConcurrentHashMap<>();

  Vms(Session session, Props props, Tasks tasks) {
    this.session = session;
    this.props = props;
    this.tasks = tasks;
  }

  /** Creates the VM in {@code folder} and {@code pool} (a resource pool or vApp); returns its reference. */
  public MoRef create(MoRef folder, MoRef pool, VmSpec spec) {
    List<MoRef> unknown = spec.networks().stream().filter(n -> !networkNames.containsKey(n)).toList();
    props.get(unknown, "name").forEach((ref, p) -> networkNames.put(ref, Props.str(p, "name")));
    VirtualMachineConfigSpec cs = ConfigSpecs.create(spec, networkNames);
    String action = "create VM '" + spec.name() + "'";
    Object result;
    if (pool.type().equals("VirtualApp")) {
      result = tasks.run(action, v -> v.createChildVM_Task(Props.mor(pool), cs, null));
    } else {
      result = tasks.run(action, v -> v.createVM_Task(Props.mor(folder), cs, Props.mor(pool), null));
    }
    if (!(result instanceof MoRef ref)) {
      throw new VsphereException(Kind.INTERNAL, "Tried to " + action + " but the task returned no VM");
    }
    return ref;
  }

  public void powerOn(MoRef vm) {
    tasks.run("power on " + vm.value(), v -> v.powerOnVM_Task(Props.mor(vm), null));
  }

  public void powerOff(MoRef vm) {
    tasks.run("power off " + vm.value(), v -> v.powerOffVM_Task(Props.mor(vm)));
  }

  /** Destroys any managed entity (VM, resource pool, vApp, folder) and waits for it. */
  public void destroy(MoRef entity) {
    tasks.run("destroy " + entity.type() + " " + entity.value(), v -> v.destroy_Task(Props.mor(entity)));
  }

  /** Sets extraConfig keys; an empty value removes the key. */
  public void setExtraConfig(MoRef vm, Map<String, String> values) {
    VirtualMachineConfigSpec cs = ConfigSpecs.extraConfig(values);
    tasks.run("reconfigure " + vm.value(), v -> v.reconfigVM_Task(Props.mor(vm), cs));
  }

  /** The ISO in the VM's first CD-ROM ({@code [ds] dir/x.iso}); NOT_FOUND when it has no ISO-backed CD-ROM. */
  public String cdromIso(MoRef vm) {
    VirtualCdrom cd = cdrom(vm);
    return ((VirtualCdromIsoBackingInfo) cd.getBacking()).getFileName();
  }

  /**
   * One reconfigure: the VM's first CD-ROM takes {@code isoPath} (a datastore path) and these
   * extraConfig keys are set (an empty value removes a key), so the two never disagree.
   */
  public void reconfigure(MoRef vm, String isoPath, Map<String, String> extraConfig) {
    VirtualMachineConfigSpec cs = ConfigSpecs.switchIso(cdrom(vm), isoPath, extraConfig);
    tasks.run("reconfigure " + vm.value() + " to boot " + isoPath, v -> v.reconfigVM_Task(Props.mor(vm), cs));
  }

  private VirtualCdrom cdrom(MoRef vm) {
    Object devices = props.get(vm, "config.hardware.device").get("config.hardware.device");
    VirtualDevice[] all = devices instanceof ArrayOfVirtualDevice a ? a.getVirtualDevice()
        : devices instanceof VirtualDevice[] d ? d : null;
    if (all != null) {
      for (VirtualDevice d : all) {
        if (d instanceof VirtualCdrom cd && cd.getBacking() instanceof VirtualCdromIsoBackingInfo) {
          return cd;
        }
      }
    }
    throw new VsphereException(Kind.NOT_FOUND, "VM " + vm.value() + " has no CD-ROM with an ISO");
  }

  public VmInfo info(MoRef vm) {
    Map<String, Object> p = props.get(vm, VM_PATHS);
    if (p.isEmpty()) {
      throw new VsphereException(Kind.NOT_FOUND, "VM " + vm.value() + " not found");
    }
    return toInfo(vm, p);
  }

  /** VMs directly in a resource pool or vApp. */
  public List<VmInfo> in(MoRef pool) {
    List<MoRef> refs = Props.refList(props.get(pool, "vm"), "vm");
    List<VmInfo> out = new ArrayList<>();
    props.get(refs, VM_PATHS).forEach((ref, p) -> out.add(toInfo(ref, p)));
    return out;
  }

  /** Every VM in every resource pool below {@code rootPool}, in one property collector round trip. */
  public List<VmInfo> below(MoRef rootPool) {
    TraversalSpec rpToRp = traversal("rpToRp", "ResourcePool", "resourcePool", "rpToRp", "rpToVm");
    TraversalSpec rpToVm = traversal("rpToVm", "ResourcePool", "vm");
    PropertySpec vmProps = new PropertySpec();
    vmProps.setType("VirtualMachine");
    vmProps.setAll(false);
    vmProps.setPathSet(VM_PATHS);
    List<VmInfo> out = new ArrayList<>();
    props.traverse("list the VMs below " + rootPool.value(), rootPool, new SelectionSpec[] {rpToRp, rpToVm}, vmProps)
        .forEach((ref, p) -> {
          if (ref.type().equals("VirtualMachine")) {
            out.add(toInfo(ref, p));
          }
        });
    return out;
  }

  /**
   * Every VM below the datacenter's compute resources, and the paths of their pools, in one
   * property-collector round trip: host folder -> compute resources -> pools (recursively) -> VMs,
   * reading name and parent of everything on the way to build the paths locally.
   */
  public VmListing listing(Datacenter dc) {
    TraversalSpec folders = traversal("visitFolders", "Folder", "childEntity", "visitFolders", "crToRp");
    TraversalSpec crToRp = traversal("crToRp", "ComputeResource", "resourcePool", "rpToRp", "rpToVm");
    TraversalSpec rpToRp = traversal("rpToRp", "ResourcePool", "resourcePool", "rpToRp", "rpToVm");
    TraversalSpec rpToVm = traversal("rpToVm", "ResourcePool", "vm");
    List<PropertySpec> specs = new ArrayList<>();
    specs.add(propertySpec("VirtualMachine", VM_PATHS));
    for (String type : new String[] {"ResourcePool", "ComputeResource", "Folder"}) {
      specs.add(propertySpec(type, "name", "parent"));
    }
    Map<MoRef, Map<String, Object>> all = props.traverse("list the VMs of datacenter " + dc.name(), dc.hostFolder(),
        new SelectionSpec[] {folders, crToRp, rpToRp, rpToVm}, specs.toArray(new PropertySpec[0]));
    List<VmInfo> vms = new ArrayList<>();
    Map<MoRef, String> paths = new HashMap<>();
    all.forEach((ref, p) -> {
      if (ref.type().equals("VirtualMachine")) {
        vms.add(toInfo(ref, p));
      }
    });
    for (VmInfo vm : vms) {
      if (vm.resourcePool() != null && !paths.containsKey(vm.resourcePool())) {
        paths.put(vm.resourcePool(), path(vm.resourcePool(), all, dc));
      }
    }
    return new VmListing(vms, paths);
  }

  /** {@code /dc/host/...} from the names and parents read by {@link #listing}. */
  private static String path(MoRef ref, Map<MoRef, Map<String, Object>> all, Datacenter dc) {
    StringBuilder sb = new StringBuilder();
    MoRef c = ref;
    while (c != null && !c.equals(dc.hostFolder()) && all.containsKey(c)) {
      sb.insert(0, "/" + Props.str(all.get(c), "name"));
      c = (MoRef) all.get(c).get("parent");
    }
    return "/" + dc.name() + "/host" + sb;
  }

  private static PropertySpec propertySpec(String type, String... paths) {
    PropertySpec ps = new PropertySpec();
    ps.setType(type);
    ps.setAll(false);
    ps.setPathSet(paths);
    return ps;
  }

  static TraversalSpec traversal(String name, String type, String path, String... next) {
    TraversalSpec t = new TraversalSpec();
    t.setName(name);
    t.setType(type);
    t.setPath(path);
    t.setSkip(false);
    List<SelectionSpec> sel = new ArrayList<>();
    for (String n : next) {
      SelectionSpec s = new SelectionSpec();
      s.setName(n);
      sel.add(s);
    }
    t.setSelectSet(sel.toArray(new SelectionSpec[0]));
    return t;
  }

  /**
   * Follows the power state of every VM in {@code pool} (a resource pool or vApp) until the watch
   * is closed; one watch per client session (see {@link VmPowerWatch}).
   */
  public VmPowerWatch watchPower(MoRef pool, VmPowerWatch.Listener listener) {
    return VmPowerWatch.start(session, pool, listener);
  }

  /** Polls {@code guest.ipAddress} until the VM reports one; TIMEOUT after {@code timeout}. */
  public String waitForIp(MoRef vm, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    long delay = 100;
    while (true) {
      Map<String, Object> p = props.get(vm, "guest.ipAddress", "runtime.powerState");
      String ip = Props.str(p, "guest.ipAddress");
      if (ip != null && !ip.isBlank()) {
        return ip;
      }
      if ("poweredOff".equals(Props.str(p, "runtime.powerState"))) {
        throw new VsphereException(Kind.CONFLICT, "VM " + vm.value() + " powered off while waiting for its IP address");
      }
      if (Instant.now().isAfter(deadline)) {
        throw new VsphereException(Kind.TIMEOUT,
            "VM " + vm.value() + " reported no IP address within " + timeout.toSeconds() + " s");
      }
      sleep(delay);
      delay = Math.min(1000, delay * 2);
    }
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VsphereException(Kind.INTERNAL, "interrupted");
    }
  }

  private static VmInfo toInfo(MoRef ref, Map<String, Object> p) {
    return new VmInfo(ref, Props.str(p, "name"), Props.str(p, "runtime.powerState"), Props.str(p, "guest.ipAddress"),
        (MoRef) p.get("resourcePool"), Props.str(p, "config.files.vmPathName"),
        Props.optionMap(p, "config.extraConfig"));
  }
}
