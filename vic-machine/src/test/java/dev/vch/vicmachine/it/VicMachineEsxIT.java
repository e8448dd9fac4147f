package dev.vch.vicmachine.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.vicmachine.cli.ExitCode;
import dev.vch.vicmachine.it.SimHarness.Run;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * vic-machine against the embedded endpoint as a standalone ESXi host, create included end to
 * end: the appliance is a host-process VM from a test ISO that answers /_ping over TLS.
 */
class VicMachineEsxIT extends VicMachineSimTests {

  @Override
  String model() {
    return "esx";
  }

  @Override
  void provision(String name) throws Exception {
    Path appliance = TestIsos.fakeAppliance(work);
    Run created = create(name, appliance, "--timeout", "60s", "--dns-server", "10.0.0.53",
        "--volume-store", "datastore1/vols:default");
    assertThat(created.code()).as(created + "\n--- appliance\n" + TestIsos.logText(work)).isZero();
    Path certs = work.resolve("certs-" + name);
    assertThat(created.out()).contains("Installer completed successfully").contains("vic-admin portal:")
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
  void applianceThatNeverAnswersTimesOutAndIsRemoved() throws Exception {
    Path silent = TestIsos.silentAppliance(work);
    Run r = create("vch-silent", silent, "--timeout", "4s");
    assertThat(r.code()).as(r.toString()).isEqualTo(ExitCode.TIMEOUT.code());
    assertThat(r.err()).contains("did not answer before the timeout");
    assertThat(r.out()).contains("removed appliance VM vch-silent").doesNotContain("FAILED to remove");
    assertThat(sim.leftovers("vch-silent")).isEmpty();
    assertThat(work.resolve("certs-vch-silent")).doesNotExist();
  }
}
