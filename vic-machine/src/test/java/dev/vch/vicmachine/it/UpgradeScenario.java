package dev.vch.vicmachine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.personality.tls.CertificateFiles;
import dev.vch.vicmachine.cli.ExitCode;
import dev.vch.vicmachine.engine.DockerProbe;
import dev.vch.vicmachine.it.SimHarness.Run;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

/**
 * upgrade and upgrade --rollback on one running VCH: made to look as an older vic-machine left it,
 * upgraded, rolled back, and then an upgrade whose appliance never answers, which must put the VCH
 * back by itself. After each step the Docker API must answer and ls/inspect must agree.
 */
final class UpgradeScenario {

  private static final String OLD = "0.0.9";
  private static final String NEW = "0.1.0";

  private final SimHarness sim;
  private final String name;
  private final String ds;
  private final Path certs;

  UpgradeScenario(SimHarness sim, String name, String datastore, Path certs) {
    this.sim = sim;
    this.name = name;
    this.ds = datastore;
    this.certs = certs;
  }

  void run(Path newAppliance, Path bootstrap, Path silentAppliance) throws Exception {
    try (VsphereClient vc = sim.client()) {
      // an older vic-machine wrote its own version; everything else create leaves is what it left too
      vc.vms().setExtraConfig(appliance(vc).ref(), Map.of(VchConfig.VERSION_KEY, OLD));
    }
    assertVersion(OLD, "Upgradeable to " + NEW, "[" + ds + "] " + name + "/appliance.iso");

    try (VsphereClient vc = sim.client()) {
      // as a vic-machine that died mid-upgrade leaves it
      vc.vms().setExtraConfig(appliance(vc).ref(), Map.of("UpdateInProgress", "true"));
    }
    assertThat(sim.vic("ls").out()).containsPattern("\\s" + name + "\\s+" + OLD.replace(".", "\\.")
        + "\\s+Upgrade in progress");
    Run busy = upgrade(newAppliance, bootstrap, "60s");
    assertThat(busy.code()).as(busy.toString()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(busy.err()).contains("another upgrade/configure operation is in progress")
        .contains("--reset-progress");
    Run reset = sim.vic("upgrade", "--name", name, "--reset-progress");
    assertThat(reset.out()).as(reset.toString()).contains("Reset UpdateInProgress flag successfully");

    Run norb = sim.vic("upgrade", "--name", name, "--rollback", "--tls-cert-path", certs.toString());
    assertThat(norb.code()).as(norb.toString()).isEqualTo(ExitCode.NOT_FOUND.code());
    assertThat(norb.err()).contains("has no record of an earlier version to roll back to");

    Run up = upgrade(newAppliance, bootstrap, "60s");
    assertThat(up.code()).as(up.toString()).isZero();
    assertThat(up.out()).contains("Uploading").contains("appliance-" + NEW + ".iso").contains("Completed successfully")
        .contains("DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + certs);
    assertVersion(NEW, "Up to date", "[" + ds + "] " + name + "/appliance-" + NEW + ".iso");
    assertThat(files()).containsEntry("appliance.iso", true).containsEntry("appliance-" + NEW + ".iso", true)
        .containsEntry("bootstrap-" + NEW + ".iso", true);
    try (VsphereClient vc = sim.client()) {
      assertThat(VchConfig.fromExtraConfig(appliance(vc).extraConfig()).bootstrapIso())
          .isEqualTo("[" + ds + "] " + name + "/bootstrap-" + NEW + ".iso");
    }
    Run raw = sim.vic("inspect config", "--name", name, "--format", "raw");
    assertThat(raw.out()).contains("guestinfo.vice./rollback/version=" + OLD)
        .contains("guestinfo.vice./rollback/config/target/password=<redacted>").doesNotContain(SimHarness.PASSWORD);

    Run same = upgrade(newAppliance, bootstrap, "60s");
    assertThat(same.code()).as(same.toString()).isEqualTo(ExitCode.CONFLICT.code());
    assertThat(same.err()).contains("has same or newer version " + NEW + " than installer version " + NEW);

    Run back = sim.vic("upgrade", "--name", name, "--rollback", "--tls-cert-path", certs.toString(), "--timeout", "60s");
    assertThat(back.code()).as(back.toString()).isZero();
    assertThat(back.out()).contains("is at version " + OLD);
    assertVersion(OLD, "Upgradeable to " + NEW, "[" + ds + "] " + name + "/appliance.iso");
    try (VsphereClient vc = sim.client()) {
      assertThat(VchConfig.fromExtraConfig(appliance(vc).extraConfig()).bootstrapIso())
          .isEqualTo("[" + ds + "] " + name + "/bootstrap.iso");
      assertThat(appliance(vc).extraConfig().keySet()).noneMatch(k -> k.startsWith("guestinfo.vice./rollback/"));
    }

    Run failed = upgrade(silentAppliance, bootstrap, "5s");
    assertThat(failed.code()).as(failed.toString()).isEqualTo(ExitCode.TIMEOUT.code());
    assertThat(failed.err()).contains("did not answer before the timeout")
        .contains("the VCH was returned to version " + OLD);
    assertThat(failed.out()).contains("The appliance is back at version " + OLD);
    assertVersion(OLD, "Upgradeable to " + NEW, "[" + ds + "] " + name + "/appliance.iso");
    assertThat(files()).containsEntry("appliance.iso", true).containsEntry("appliance-" + NEW + ".iso", false);
  }

  private Run upgrade(Path appliance, Path bootstrap, String timeout) {
    return sim.vic("upgrade", "--name", name, "--appliance-iso", appliance.toString(), "--bootstrap-iso",
        bootstrap.toString(), "--tls-cert-path", certs.toString(), "--timeout", timeout);
  }

  /** ls, inspect and the appliance's CD-ROM agree on the version, and its Docker API answers. */
  private void assertVersion(String version, String status, String iso) throws Exception {
    Run ls = sim.vic("ls");
    assertThat(ls.out()).as(ls.toString()).containsPattern("\\s" + name + "\\s+" + version.replace(".", "\\.")
        + "\\s+" + status);
    Run inspect = sim.vic("inspect", "--name", name, "--tls-cert-path", certs.toString());
    assertThat(inspect.out()).as(inspect.toString()).contains("VCH version: " + version)
        .contains("VCH upgrade status: " + status).contains("VCH power state: poweredOn");
    try (VsphereClient vc = sim.client()) {
      VmInfo a = appliance(vc);
      assertThat(vc.vms().cdromIso(a.ref())).isEqualTo(iso);
      DockerProbe.await(a.ipAddress(), false, CertificateFiles.read(certs), Instant.now().plusSeconds(20));
      // the power cycles may move the appliance to another address: the client's environment follows
      assertThat(java.nio.file.Files.readString(certs.resolve(name + ".env")))
          .contains("DOCKER_HOST=" + a.ipAddress() + ":2376");
    }
  }

  private VmInfo appliance(VsphereClient vc) {
    Datacenter dc = vc.inventory().datacenter(null);
    MoRef pool = vc.inventory().computeResource(dc, sim.computeResource() + "/" + name).pool();
    return vc.vms().in(pool).stream().filter(v -> v.name().equals(name)).findFirst().orElseThrow();
  }

  private Map<String, Boolean> files() {
    try (VsphereClient vc = sim.client()) {
      Datacenter dc = vc.inventory().datacenter(null);
      return Map.of("appliance.iso", vc.files().exists(dc, ds, name + "/appliance.iso"),
          "appliance-" + NEW + ".iso", vc.files().exists(dc, ds, name + "/appliance-" + NEW + ".iso"),
          "bootstrap-" + NEW + ".iso", vc.files().exists(dc, ds, name + "/bootstrap-" + NEW + ".iso"));
    }
  }
}
