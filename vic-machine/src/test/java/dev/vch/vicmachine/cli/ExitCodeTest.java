package dev.vch.vicmachine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.VsphereException;
import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void everyKindHasACode() {
    for (VicMachineException.Kind k : VicMachineException.Kind.values()) {
      ExitCode c = ExitCode.of(new VicMachineException(k, "x"));
      assertThat(c).isEqualTo(k == VicMachineException.Kind.INTERNAL ? ExitCode.FAILURE : ExitCode.valueOf(k.name()));
    }
    for (VsphereException.Kind k : VsphereException.Kind.values()) {
      ExitCode c = ExitCode.of(new VsphereException(k, "x"));
      assertThat(c).isEqualTo(k == VsphereException.Kind.INTERNAL || k == VsphereException.Kind.TASK_FAILED
          ? ExitCode.FAILURE : ExitCode.valueOf(k.name()));
    }
    assertThat(ExitCode.of(new IllegalStateException())).isEqualTo(ExitCode.FAILURE);
  }

  @Test
  void codesAreDistinct() {
    assertThat(java.util.Arrays.stream(ExitCode.values()).map(ExitCode::code).distinct().count())
        .isEqualTo(ExitCode.values().length);
  }
}
