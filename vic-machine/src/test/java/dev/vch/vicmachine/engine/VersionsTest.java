package dev.vch.vicmachine.engine;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class VersionsTest {

  @Test
  void comparesNumericPartsAsNumbers() {
    assertThat(Versions.compare("0.10.0", "0.9.0")).isPositive();
    assertThat(Versions.compare("0.1.0", "0.1.0")).isZero();
    assertThat(Versions.compare("0.0.9", "0.1.0")).isNegative();
    assertThat(Versions.compare("1.2", "1.2.1")).isNegative();
  }

  @Test
  void upgradeStatusReadsAsVics() {
    assertThat(Versions.upgradeStatus("0.1.0", "0.1.0", false)).isEqualTo("Up to date");
    assertThat(Versions.upgradeStatus("0.0.9", "0.1.0", false)).isEqualTo("Upgradeable to 0.1.0");
    assertThat(Versions.upgradeStatus("0.2.0", "0.1.0", false)).isEqualTo("VCH has newer version");
    assertThat(Versions.upgradeStatus(null, "0.1.0", false)).isEqualTo("Unknown");
    assertThat(Versions.upgradeStatus("0.0.9", "0.1.0", true)).isEqualTo("Upgrade in progress");
    assertThat(Versions.upgradeStatus("0.1.0", "0.1.0", true)).isEqualTo("Up to date");
  }
}
