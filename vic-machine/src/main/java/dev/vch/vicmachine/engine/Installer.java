package dev.vch.vicmachine.engine;

import dev.vch.tether.config.Common;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.DatastoreFiles;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;

/**
 * {@code vic-machine create}: validate, then create the pool (vApp on vCenter), the bridge
 * portgroup, the datastore folder with both ISOs, the certificates and the appliance VM; power it
 * on and wait for its IP and for the Docker API. Each step registers its undo; a failure anywhere
 * removes everything this run created.
 */
public final class Installer {

  /** The version written into a VCH's configuration. */
  public static final String VERSION = "0.1.0";

  /** What create produced. */
  public record Result(MoRef vm, String ip, Path certPath) {}

  private final VsphereClient vc;
  private final Target target;
  private final PrintStream out;

  public Installer(VsphereClient vc, Target target, PrintStream out) {
    this.vc = vc;
    this.target = target;
    this.out = out;
  }

  public Result create(CreateSpec s) {
    Instant deadline = Instant.now().plus(s.timeout());
    out.println("Validating target " + target.host());
    Placement p = new TargetValidator(vc, target, out).validate(s);
    Rollback rollback = new Rollback();
    try {
      return install(s, p, rollback, deadline);
    } catch (RuntimeException e) {
      out.println("Create failed: " + e.getMessage());
      out.println("Removing what this create made:");
      int failed = rollback.run(out);
      if (failed > 0) {
        out.println("WARN: " + failed + " item(s) could not be removed; see above");
      }
      throw e;
    }
  }

  private Result install(CreateSpec s, Placement p, Rollback rollback, Instant deadline) {
    String ds = p.datastore().name();
    out.println("Creating " + (p.vcenter() ? "vApp " : "resource pool ") + s.name());
    MoRef pool = p.vcenter()
        ? vc.pools().createVApp(p.compute().pool(), s.name(), p.datacenter().vmFolder(), s.poolCpuMhz(), s.poolMemoryMb())
        : vc.pools().createPool(p.compute().pool(), s.name(), s.poolCpuMhz(), s.poolMemoryMb());
    rollback.push((p.vcenter() ? "vApp " : "resource pool ") + s.name(), () -> vc.vms().destroy(pool));

    String bridge = s.bridgeNetwork();
    boolean bridgeCreated = false;
    if (bridge == null) {
      bridge = s.name() + "-bridge";
      createBridge(p.hosts(), bridge, rollback);
      bridgeCreated = true;
    }

    out.println("Creating datastore folder " + DatastoreFiles.path(ds, s.imagePath()));
    vc.files().mkdir(p.datacenter(), ds, s.imagePath());
    rollback.push("datastore folder " + DatastoreFiles.path(ds, s.imagePath()),
        // destroying the VM may already have taken the folder with it
        () -> vc.files().deleteIfExists(p.datacenter(), ds, s.imagePath()));
    for (String store : s.volumeStores().keySet()) {
      // volume store folders are made by the appliance on first use; nothing to undo here
      out.println("Volume store " + store + ": " + DatastoreFiles.path(s.volumeStores().get(store).get(0),
          s.volumeStores().get(store).get(1)));
    }
    String bootstrapDs = s.imagePath() + "/bootstrap.iso";
    String applianceDs = s.imagePath() + "/appliance.iso";
    upload(p, ds, "--bootstrap-iso", s.bootstrapIso(), bootstrapDs);
    upload(p, ds, "--appliance-iso", s.applianceIso(), applianceDs);

    out.println("Preparing certificates in " + s.certPath());
    Certificates certs = s.noTls() ? null : Certificates.prepare(s.certPath(), s.name(), sanHosts(s, null));
    if (certs != null) {
      rollback.push("certificates in " + s.certPath(), certs::removeIfCreated);
    }

    VchConfig config = config(s, p, pool, bridge, bridgeCreated, ds, bootstrapDs, certs);
    List<MoRef> nics = nics(p, s, bridge);
    VmSpec vm = new VmSpec(s.name(), "other3xLinux64Guest", s.endpointCpus(), s.endpointMemoryMb(), ds,
        List.of(DatastoreFiles.path(ds, applianceDs)), nics, List.of(), 0, config.toExtraConfig(),
        "Virtual Container Host " + s.name());
    out.println("Creating appliance VM " + s.name());
    MoRef ref = vc.vms().create(p.datacenter().vmFolder(), pool, vm);
    rollback.push("appliance VM " + s.name(), () -> {
      if (vc.vms().info(ref).poweredOn()) {
        vc.vms().powerOff(ref);
      }
      vc.vms().destroy(ref);
    });
    vc.vms().setExtraConfig(ref, Map.of(ExtraConfigCodec.PREFIX + "/common/id", ref.value()));

    out.println("Powering on the appliance");
    vc.vms().powerOn(ref);
    out.println("Waiting for the appliance's IP address");
    String ip = ApplianceBoot.waitForIp(vc, ref, deadline, s.timeout());
    out.println("Appliance IP address: " + ip);
    if (certs != null && !certs.serverCovers(ip)) {
      // the address is known only now: issue the server certificate for it and hand it to the appliance
      ApplianceBoot.handOverServerCert(vc, ref, certs, s.name(), sanHosts(s, ip), ip);
    }
    out.println("Waiting for the Docker API to answer");
    DockerProbe.await(ip, s.noTls(), certs == null ? null : certs.set(), deadline);
    ApplianceBoot.writeEnv(s.certPath(), s.name(), ip, s.noTls(), s.noTlsVerify());
    out.println("Installer completed successfully");
    return new Result(ref, ip, s.certPath());
  }

  private void createBridge(List<Host> hosts, String name, Rollback rollback) {
    for (Host h : hosts) {
      if (vc.hosts().portgroups(h).contains(name)) {
        continue;
      }
      List<String> switches = vc.hosts().virtualSwitches(h);
      if (switches.isEmpty()) {
        throw new VicMachineException(Kind.UNSUPPORTED_TARGET, "--bridge-network: host " + h.name()
            + " has no standard virtual switch to create portgroup " + name + " on; give an existing portgroup");
      }
      out.println("Creating bridge portgroup " + name + " on " + h.name() + "/" + switches.get(0));
      vc.hosts().addPortgroup(h, switches.get(0), name, 0);
      rollback.push("portgroup " + name + " on " + h.name(), () -> vc.hosts().removePortgroup(h, name));
    }
  }

  private void upload(Placement p, String ds, String flag, Path file, String dsPath) {
    if (!Files.isRegularFile(file)) {
      throw new VicMachineException(Kind.NOT_FOUND, flag + ": " + file + " not found"
          + (flag.equals("--appliance-iso") ? " (the appliance ISO is built by the bootstrap-iso module)" : ""));
    }
    out.println("Uploading " + file.getFileName() + " to " + DatastoreFiles.path(ds, dsPath));
    vc.files().upload(p.datacenter(), ds, dsPath, file);
  }

  private static List<String> sanHosts(CreateSpec s, String ip) {
    LinkedHashSet<String> hosts = new LinkedHashSet<>(s.tlsCnames());
    hosts.add(s.name());
    if (ip != null) {
      hosts.add(ip);
    }
    return new ArrayList<>(hosts);
  }

  private List<MoRef> nics(Placement p, CreateSpec s, String bridge) {
    LinkedHashSet<String> names = new LinkedHashSet<>();
    names.add(s.publicNetwork());
    names.add(bridge);
    if (s.clientNetwork() != null) {
      names.add(s.clientNetwork());
    }
    if (s.managementNetwork() != null) {
      names.add(s.managementNetwork());
    }
    Map<String, dev.vch.vsphere.api.Network> nets = p.networks();
    List<MoRef> out = new ArrayList<>();
    for (String n : names) {
      dev.vch.vsphere.api.Network net = nets.get(n);
      if (net == null) {
        net = vc.inventory().network(p.datacenter(), n);
      }
      out.add(net.ref());
    }
    return out;
  }

  private VchConfig config(CreateSpec s, Placement p, MoRef pool, String bridge, boolean bridgeCreated, String ds,
      String bootstrapDs, Certificates certs) {
    Map<String, String> volumes = new java.util.TreeMap<>();
    s.volumeStores().forEach((label, v) -> volumes.put(label, "ds://[" + v.get(0) + "]/" + v.get(1)));
    String user = s.opsUser() != null ? s.opsUser() : target.user();
    String password = s.opsUser() != null ? s.opsPassword() : target.password();
    String thumbprint = target.thumbprint() != null ? target.thumbprint() : vc.serverThumbprint();
    return new VchConfig(Common.of(null, s.name()), VERSION, Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
        p.compute().path(),
        new VchConfig.VchTarget(target.sdkUrl().toString(), user, password, thumbprint, p.datacenter().name(),
            pool.value(), pool.type(), p.datacenter().vmFolder().value(), ds),
        DatastoreFiles.path(ds, bootstrapDs),
        List.of("ds://[" + ds + "]/" + s.imagePath()), volumes,
        new VchConfig.VchNetwork(bridge, s.bridgeRange(), bridgeCreated, s.publicNetwork(), s.clientNetwork(),
            s.managementNetwork(), s.containerNetworks(), s.dnsServers()),
        certs == null ? new VchConfig.VchTls(true, false, null, null, null)
            : new VchConfig.VchTls(false, !s.noTlsVerify(),
                // without --tls-cname the address is unknown until power-on: the appliance waits for these keys
                s.tlsCnames().isEmpty() ? null : certs.serverCertPem(),
                s.tlsCnames().isEmpty() ? null : certs.serverKeyPem(),
                s.noTlsVerify() ? null : certs.clientCasPem(s.tlsCas())),
        new VchConfig.VchRegistry(s.insecureRegistries(), registryCas(s), s.whitelistRegistries()), 2, 2048, s.syslogAddress(),
        s.containerNameConvention(), s.debug(), false);
  }

  private static String registryCas(CreateSpec s) {
    if (s.registryCas().isEmpty()) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    for (Path p : s.registryCas()) {
      try {
        sb.append(Files.readString(p));
      } catch (IOException e) {
        throw VicMachineException.invalid("--registry-ca: cannot read " + p + ": " + e.getMessage());
      }
    }
    return sb.toString();
  }
}
