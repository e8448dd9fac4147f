package dev.vch.appliance.it;

import dev.vch.personality.tls.CertificateGenerator;
import dev.vch.personality.tls.IssuedCertificate;
import dev.vch.personality.tls.Pem;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.tether.config.Common;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereTarget;
import dev.vch.vsphere.api.vch.VchConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The embedded endpoint in process and a VCH on it, installed the way vic-machine create does
 * it but through the vsphere module directly (vic-machine's create is not usable from here
 * yet): pool, datastore folder with both ISOs, bridge portgroup, the appliance VM with the
 * VCH configuration in extraConfig, power-on, then the server certificate for its address.
 */
final class VchOnSim implements AutoCloseable {
    static final String NAME = "vch-e2e";

    final VsphereSimulator sim;
    final VsphereClient vc;
    final Path work;
    final Path certs;
    final MoRef appliance;
    final String ip;

    VchOnSim(Path work) throws Exception {
        this.work = work;
        Path root = Path.of("").toAbsolutePath().getParent();
        Path applianceIso = root.resolve("appliance/target/appliance.iso");
        Path built = root.resolve("bootstrap-iso/target/bootstrap.iso");
        if (!Files.isRegularFile(built)) {
            built = root.resolve("bootstrap-iso/target/iso/bootstrap.iso");
        }
        Path bootstrapIso = Path.of(System.getProperty("vch.bootstrapIso", built.toString()));
        for (Path iso : List.of(applianceIso, bootstrapIso)) {
            if (!Files.isRegularFile(iso)) {
                throw new AssertionError(iso + " is missing: build the module that makes it first (bootstrap-iso "
                        + "for bootstrap.iso, appliance for appliance.iso)");
            }
        }
        sim = VsphereSimulator.start(SimulatorConfig.defaults(work.resolve("state")).withModel("esx"));
        vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "user", "pass", sim.thumbprint()));
        Datacenter dc = vc.inventory().datacenter(null);
        ComputeResource cr = vc.inventory().computeResource(dc, null);
        MoRef pool = vc.pools().createPool(cr.pool(), NAME, -1, -1);
        String ds = vc.inventory().datastores(dc).getFirst().name();
        vc.files().mkdir(dc, ds, NAME);
        vc.files().upload(dc, ds, NAME + "/appliance.iso", applianceIso);
        vc.files().upload(dc, ds, NAME + "/bootstrap.iso", bootstrapIso);
        String bridge = NAME + "-bridge";
        for (Host h : vc.inventory().hosts(cr)) {
            vc.hosts().addPortgroup(h, vc.hosts().virtualSwitches(h).getFirst(), bridge, 0);
        }

        CertificateGenerator gen = new CertificateGenerator();
        IssuedCertificate ca = gen.createCa(NAME + " CA");
        IssuedCertificate client = gen.createClient(ca, "docker");
        certs = Files.createDirectories(work.resolve("certs"));
        Pem.writeCertificate(certs.resolve("ca.pem"), ca.certificate());
        Pem.writeCertificate(certs.resolve("cert.pem"), client.certificate());
        Pem.writePrivateKey(certs.resolve("key.pem"), client.privateKey());

        VchConfig config = new VchConfig(Common.of(null, NAME), "e2e", Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS),
                cr.path(), new VchConfig.VchTarget(sim.sdkUrl().toString(), "user", "pass", sim.thumbprint(), dc.name(),
                pool.value(), pool.type(), dc.vmFolder().value(), ds),
                "[" + ds + "] " + NAME + "/bootstrap.iso", List.of("ds://[" + ds + "]/" + NAME), Map.of(),
                new VchConfig.VchNetwork(bridge, "172.16.0.0/12", true, "VM Network", null, null, Map.of(), List.of()),
                new VchConfig.VchTls(false, true, null, null, Pem.encode(ca.certificate())),
                new VchConfig.VchRegistry(List.of(), null), 1, 512, null, null, 0, false);
        VmSpec vm = new VmSpec(NAME, "other3xLinux64Guest", 1, 2048, ds, List.of("[" + ds + "] " + NAME + "/appliance.iso"),
                List.of(), List.of(), 0, config.toExtraConfig(), "Virtual Container Host " + NAME);
        appliance = vc.vms().create(dc.vmFolder(), pool, vm);
        vc.vms().setExtraConfig(appliance, Map.of(ExtraConfigCodec.PREFIX + "/common/id", appliance.value()));
        vc.vms().powerOn(appliance);
        ip = vc.vms().waitForIp(appliance, Duration.ofSeconds(60));
        IssuedCertificate server = gen.createServer(ca, NAME, List.of(ip));
        vc.vms().setExtraConfig(appliance, Map.of(ExtraConfigCodec.PREFIX + "/tls/serverCert",
                Pem.encode(server.certificate()), ExtraConfigCodec.PREFIX + "/tls/serverKey", Pem.encode(server.privateKey())));
    }

    /** Power-cycles the appliance VM (its process ends, a new one starts from the same config and disk). */
    void restartAppliance() {
        vc.vms().powerOff(appliance);
        vc.vms().powerOn(appliance);
        String again = vc.vms().waitForIp(appliance, Duration.ofSeconds(60));
        if (!again.equals(ip)) {
            throw new AssertionError("the appliance came back on " + again + " instead of " + ip);
        }
    }

    /** The appliance's log file (in its host-process directory under the simulator's state). */
    String applianceLog() {
        try (var s = Files.walk(work.resolve("state"))) {
            Path p = s.filter(f -> f.getFileName().toString().equals("appliance.log")).findFirst().orElse(null);
            return p == null ? "(no appliance.log)" : Files.readString(p);
        } catch (java.io.IOException e) {
            return "(cannot read appliance.log: " + e.getMessage() + ")";
        }
    }

    /** Powers off every VM of the VCH (containerVMs and the appliance), then stops the endpoint. */
    @Override
    public void close() {
        try {
            for (var v : vc.vms().below(vc.inventory().computeResource(vc.inventory().datacenter(null), null).rootPool())) {
                if (v.poweredOn()) {
                    vc.vms().powerOff(v.ref());
                }
            }
        } finally {
            vc.close();
            sim.close();
        }
    }
}
