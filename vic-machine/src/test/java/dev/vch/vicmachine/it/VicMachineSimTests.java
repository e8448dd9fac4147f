package dev.vch.vicmachine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.vicmachine.cli.ExitCode;
import dev.vch.vicmachine.it.SimHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** Every vic-machine subcommand against the embedded endpoint; subclasses pick the model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class VicMachineSimTests {

  @TempDir static Path work;
  SimHarness sim;
  Path bootstrapIso;

  abstract String model();

  @BeforeAll
  void start() throws Exception {
    sim = new SimHarness(model(), work);
    bootstrapIso = TestIsos.bootstrap(work);
    Run r = sim.vic("update firewall", "--compute-resource", sim.computeResource(), "--allow");
    assertThat(r.code()).as(r.toString()).isZero();
  }

  @AfterAll
  void stop() {
    sim.close();
  }

  Run create(String name, Path applianceIso, String... more) {
    String[] base = {"--name", name, "--compute-resource", sim.computeResource(), "--bootstrap-iso",
        bootstrapIso.toString(), "--appliance-iso", applianceIso.toString(), "--tls-cert-path",
        work.resolve("certs-" + name).toString()};
    String[] all = new String[base.length + more.length];
    System.arraycopy(base, 0, all, 0, base.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return sim.vic("create", all);
  }

  @Test
  void versionPrintsTheVersion() {
    Run r = sim.raw("version");
    assertThat(r.out()).startsWith("vic-machine version ");
    assertThat(r.code()).isZero();
  }

  @Test
  void wrongPasswordIsRefused() {
    Run r = sim.raw("ls", "--target", sim.target(), "--user", SimHarness.USER, "--password", "wrong", "--thumbprint",
        sim.sim.thumbprint());
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.UNAUTHORIZED.code());
    assertThat(r.err()).contains("user name or password is incorrect");
  }

  @Test
  void wrongThumbprintPrintsTheRealOne() {
    Run r = sim.raw("ls", "--target", sim.target(), "--user", SimHarness.USER, "--password", SimHarness.PASSWORD,
        "--thumbprint", "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.CERTIFICATE.code());
    assertThat(r.err()).contains("Failed to verify certificate for target=127.0.0.1 (thumbprint=" + sim.sim.thumbprint()
        + ")");
  }

  @Test
  void noThumbprintAndAnUntrustedCertificateIsRefused() {
    Run r = sim.raw("ls", "--target", sim.target(), "--user", SimHarness.USER, "--password", SimHarness.PASSWORD);
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.CERTIFICATE.code());
    assertThat(r.err()).contains("--thumbprint=" + sim.sim.thumbprint());
  }

  @Test
  void missingDatastoreNetworkAndComputeResourceAreNamed() {
    Run ds = create("vch-ds", bootstrapIso, "--image-store", "nosuchds");
    assertThat(ds.code()).as(ds.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(ds.err()).contains("--image-store: datastore 'nosuchds' not found");
    Run net = create("vch-net", bootstrapIso, "--public-network", "No Such Net");
    assertThat(net.code()).as(net.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(net.err()).contains("--public-network: network 'No Such Net' not found");
    Run bridge = create("vch-net", bootstrapIso, "--bridge-network", "nobridge");
    assertThat(bridge.err()).contains("--bridge-network: network 'nobridge' not found");
    Run cr = sim.vic("create", "--name", "vch-cr", "--compute-resource", "nowhere");
    assertThat(cr.code()).as(cr.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(cr.err()).contains("--compute-resource: compute resource 'nowhere' not found");
    assertThat(sim.leftovers("vch-ds")).isEmpty();
    assertThat(sim.leftovers("vch-net")).isEmpty();
  }

  @Test
  void closedFirewallStopsCreateUnlessForced() {
    assertThat(sim.vic("update firewall", "--compute-resource", sim.computeResource(), "--deny").code()).isZero();
    try {
      Run r = create("vch-fw", work.resolve("missing.iso"));
      assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.UNSUPPORTED_TARGET.code());
      assertThat(r.err()).contains("Firewall check failed").contains("update firewall --allow");
      Run forced = create("vch-fw", work.resolve("missing.iso"), "--force");
      assertThat(forced.out()).contains("WARN: Firewall check failed");
      assertThat(forced.err()).contains("--appliance-iso: " + work.resolve("missing.iso") + " not found");
    } finally {
      Run allow = sim.vic("update firewall", "--compute-resource", sim.computeResource(), "--allow");
      assertThat(allow.out()).contains("Enabled firewall ruleset vic-engine");
    }
    assertThat(sim.leftovers("vch-fw")).isEmpty();
  }

  @Test
  void missingApplianceIsoStopsCreateAndRemovesWhatItMade() {
    Run r = create("vch-noiso", work.resolve("no-appliance.iso"));
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(r.err()).contains("--appliance-iso: " + work.resolve("no-appliance.iso") + " not found");
    assertThat(r.out()).contains("Uploading bootstrap.iso").contains("Removing what this create made")
        .contains("removed datastore folder").contains("removed " + (model().equals("vc") ? "vApp" : "resource pool"))
        .doesNotContain("FAILED to remove");
    assertThat(sim.leftovers("vch-noiso")).isEmpty();
  }

  /** A running VM in the VCH's pool, as a containerVM would be (it boots the VCH's appliance ISO). */
  private void startContainerVm(String vch, String name) {
    try (var vc = sim.client()) {
      var dc = vc.inventory().datacenter(null);
      var pool = vc.inventory().computeResource(dc, sim.computeResource() + "/" + vch).pool();
      String ds = vc.inventory().datastores(dc).get(0).name();
      var vm = vc.vms().create(dc.vmFolder(), pool, new dev.vch.vsphere.api.VmSpec(name, null, 1, 512, ds,
          java.util.List.of("[" + ds + "] " + vch + "/appliance.iso"), java.util.List.of(), java.util.List.of(), 0,
          java.util.Map.of(), null));
      vc.vms().powerOn(vm);
    }
  }

  /** The datastore of the model's inventory. */
  String datastore() {
    return model().equals("vc") ? "LocalDS_0" : "datastore1";
  }

  /**
   * Creates VCH {@code name} end to end, running, with DNS server 10.0.0.53: the appliance is a
   * host-process VM from a test ISO that answers /_ping over TLS with the issued certificate.
   */
  void provision(String name) throws Exception {
    Path appliance = TestIsos.fakeAppliance(work);
    Run created = create(name, appliance, "--timeout", "60s", "--dns-server", "10.0.0.53",
        "--volume-store", datastore() + "/vols:default");
    assertThat(created.code()).as(created + "\n--- appliance\n" + TestIsos.logText(work)).isZero();
    Path certs = work.resolve("certs-" + name);
    assertThat(created.out()).contains("Installer completed successfully").contains("vic-admin portal:")
        .contains("Creating " + (model().equals("vc") ? "vApp " : "resource pool ") + name)
        .containsPattern("DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + certs + " DOCKER_HOST=127\\.0\\.0\\.\\d+:2376")
        .containsPattern("docker -H 127\\.0\\.0\\.\\d+:2376 --tlsverify .* info");
    for (String f : new String[] {"ca.pem", "ca-key.pem", "server-cert.pem", "server-key.pem", "cert.pem", "key.pem"}) {
      assertThat(certs.resolve(f)).exists();
    }
    assertThat(Files.readString(certs.resolve(name + ".env"))).contains("DOCKER_TLS_VERIFY=1")
        .containsPattern("DOCKER_HOST=127\\.0\\.0\\.\\d+:2376");
    Run raw = sim.vic("inspect config", "--name", name, "--format", "raw");
    assertThat(raw.out()).contains("guestinfo.vice./tls/serverKey=<redacted>").contains("volumeStores|default");
  }

  @Test
  void noTlsServesOn2375AndDeletes() throws Exception {
    Run r = create("vch-plain", TestIsos.fakeAppliance(work), "--no-tls", "--timeout", "60s");
    assertThat(r.code()).as(r + "\n--- appliance\n" + TestIsos.logText(work)).isZero();
    assertThat(r.out()).containsPattern("DOCKER_HOST=127\\.0\\.0\\.\\d+:2375")
        .containsPattern("docker -H 127\\.0\\.0\\.\\d+:2375 info");
    assertThat(sim.vic("inspect config", "--name", "vch-plain").out()).contains("--no-tls");
    Run delete = sim.vic("delete", "--name", "vch-plain");
    assertThat(delete.code()).as(delete.toString()).isZero();
    assertThat(sim.leftovers("vch-plain")).isEmpty();
  }

  @Test
  void applianceThatNeverAnswersTimesOutAndIsRemoved() throws Exception {
    Path silent = TestIsos.silentAppliance(work);
    Run r = create("vch-silent", silent, "--timeout", "4s");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.TIMEOUT.code());
    assertThat(r.err()).contains("did not answer before the timeout");
    assertThat(r.out()).contains("removed appliance VM vch-silent").doesNotContain("FAILED to remove");
    assertThat(sim.leftovers("vch-silent")).isEmpty();
    assertThat(work.resolve("certs-vch-silent")).doesNotExist();
  }

  @Test
  void upgradesRollsBackAndRestoresAFailedUpgrade() throws Exception {
    provision("vch-up");
    new UpgradeScenario(sim, "vch-up", datastore(), work.resolve("certs-vch-up"))
        .run(TestIsos.fakeAppliance(work), bootstrapIso, TestIsos.silentAppliance(work));
    assertThat(sim.vic("delete", "--name", "vch-up").code()).isZero();
    assertThat(sim.leftovers("vch-up")).isEmpty();
  }

  @Test
  void managesAnExistingVch() throws Exception {
    provision("vch-life");
    Run again = create("vch-life", bootstrapIso);
    assertThat(again.code()).as(again.toString()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(again.err()).contains("--name: 'vch-life' is already in use");

    Run ls = sim.vic("ls");
    assertThat(ls.code()).as(ls.toString()).isZero();
    assertThat(ls.out()).startsWith("ID").contains("PATH").contains("UPGRADE STATUS")
        .containsPattern("vm-\\S+\\s+/\\S+/vch-life\\s+vch-life\\s+0\\.1\\.0\\s+Up to date");

    Path certs = work.resolve("certs-vch-life");
    Run inspect = sim.vic("inspect", "--name", "vch-life", "--tls-cert-path", certs.toString());
    assertThat(inspect.code()).as(inspect.toString()).isZero();
    assertThat(inspect.out()).contains("VCH name: vch-life").contains("VCH power state: poweredOn")
        .containsPattern("DOCKER_HOST=127\\.0\\.0\\.\\d+:2376");
    String id = inspect.out().lines().filter(l -> l.startsWith("VCH ID: ")).findFirst().orElseThrow().substring(8);
    assertThat(sim.vic("inspect", "--id", id).out()).contains("VCH name: vch-life");

    Run config = sim.vic("inspect config", "--name", "vch-life");
    assertThat(config.out()).contains("--name=vch-life").contains("--dns-server=10.0.0.53")
        .doesNotContain("PRIVATE KEY");
    Run raw = sim.vic("inspect config", "--name", "vch-life", "--format", "raw");
    assertThat(raw.out()).contains("guestinfo.vice./target/password=<redacted>")
        .doesNotContain(SimHarness.PASSWORD);

    Run debug = sim.vic("debug", "--name", "vch-life", "--enable-ssh");
    assertThat(debug.code()).isEqualTo(ExitCode.NOT_IMPLEMENTED.code());
    assertThat(debug.err()).contains("no ssh server").contains("a root shell on that host");

    Run upgrade = sim.vic("upgrade", "--name", "vch-life");
    assertThat(upgrade.code()).as(upgrade.toString()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(upgrade.err()).contains("\"vch-life\" has same or newer version 0.1.0")
        .contains("No upgrade is available");

    Run configure = sim.vic("configure", "--name", "vch-life", "--dns-server", "10.0.0.54", "--container-network",
        "VM Network:pub", "--timeout", "60s");
    assertThat(configure.code()).as(configure.toString()).isZero();
    assertThat(configure.out()).contains("Restarting the appliance");
    assertThat(sim.vic("inspect config", "--name", "vch-life").out()).contains("--dns-server=10.0.0.54")
        .contains("--container-network=VM Network:pub").doesNotContain("10.0.0.53");
    Run badNet = sim.vic("configure", "--name", "vch-life", "--container-network", "nonet");
    assertThat(badNet.code()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(badNet.err()).contains("--container-network: network 'nonet' not found");
    assertThat(sim.vic("ls", "--compute-resource", sim.computeResource()).out()).contains("vch-life");

    startContainerVm("vch-life", "ctr1");
    Run refused = sim.vic("delete", "--name", "vch-life");
    assertThat(refused.code()).as(refused.toString()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(refused.err()).contains("VCH vch-life has 1 running container(s); stop them first or use --force");

    Run delete = sim.vic("delete", "--name", "vch-life", "--force");
    assertThat(delete.code()).as(delete.toString()).isZero();
    assertThat(delete.out()).contains("Removing container VM ctr1").contains("Completed successfully");
    assertThat(sim.leftovers("vch-life")).isEmpty();
    assertThat(sim.vic("ls").out()).doesNotContain("vch-life");
    Run gone = sim.vic("inspect", "--name", "vch-life");
    assertThat(gone.code()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(gone.err()).contains("no VCH named 'vch-life'");
  }
}
