package dev.vch.vicmachine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.vsphere.api.License;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The licence decision of create's target validation (the embedded endpoint always grants serialuri). */
class LicenceCheckTest {

  private static final License ESSENTIALS = new License("K1", "vSphere 6 Essentials", "esx.essentials.cpuPackage",
      List.of("vmotion"));

  @Test
  void aLicenceWithoutSerialUriFailsTheCheckAndNamesTheLicences() {
    assertThat(TargetValidator.licenceProblem(List.of(ESSENTIALS)))
        .isEqualTo("License check failed: no licence on the target allows network serial ports (feature serialuri);"
            + " licences: [vSphere 6 Essentials]");
  }

  @Test
  void serialUriOrAnEvaluationLicencePasses() {
    License enterprise = new License("K2", "vSphere 6 Enterprise Plus", "esx.enterprisePlus.cpuPackage",
        List.of("dvs", "serialuri"));
    License eval = new License("00000", "Evaluation Mode", "eval", List.of());
    assertThat(TargetValidator.licenceProblem(List.of(ESSENTIALS, enterprise))).isNull();
    assertThat(TargetValidator.licenceProblem(List.of(eval))).isNull();
  }
}
