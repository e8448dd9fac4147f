package dev.vch.vsphere.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import org.junit.jupiter.api.Test;

class VsphereTargetTest {

  @Test
  void normalizesThumbprints() {
    assertThat(VsphereTarget.normalizeThumbprint("6fb3cc4f53f3894c706fcc1d43f4eab355f0ad95"))
        .isEqualTo("6F:B3:CC:4F:53:F3:89:4C:70:6F:CC:1D:43:F4:EA:B3:55:F0:AD:95");
    assertThat(VsphereTarget.normalizeThumbprint(" 6f:b3:cc:4f:53:f3:89:4c:70:6f:cc:1d:43:f4:ea:b3:55:f0:ad:95 "))
        .isEqualTo("6F:B3:CC:4F:53:F3:89:4C:70:6F:CC:1D:43:F4:EA:B3:55:F0:AD:95");
  }

  @Test
  void rejectsMalformedThumbprints() {
    assertThatThrownBy(() -> VsphereTarget.normalizeThumbprint("6F:B3"))
        .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.INVALID))
        .hasMessageContaining("20 hex pairs");
  }

  @Test
  void neverPrintsThePassword() {
    VsphereTarget t = new VsphereTarget(URI.create("https://h/sdk"), "u", "s3cret", null);
    assertThat(t.toString()).doesNotContain("s3cret");
  }
}
