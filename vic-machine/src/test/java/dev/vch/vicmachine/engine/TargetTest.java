package dev.vch.vicmachine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class TargetTest {

  @Test
  void bareHostBecomesAnHttpsSdkUrl() {
    Target t = Target.parse("10.0.0.1", "root", "pw", null, Map.of());
    assertThat(t.sdkUrl().toString()).isEqualTo("https://10.0.0.1/sdk");
    assertThat(t.datacenter()).isNull();
  }

  @Test
  void userPasswordAndDatacenterFromTheUrl() {
    Target t = Target.parse("https://admin%40vsphere.local:p%3Ass@vc.example.com:8443/DC%201", null, null, null, Map.of());
    assertThat(t.user()).isEqualTo("admin@vsphere.local");
    assertThat(t.password()).isEqualTo("p:ss");
    assertThat(t.datacenter()).isEqualTo("DC 1");
    assertThat(t.sdkUrl().toString()).isEqualTo("https://vc.example.com:8443/sdk");
  }

  @Test
  void sdkPathIsNotADatacenterAndFlagsWinOverTheUrlAndTheEnvironment() {
    Target t = Target.parse("https://u@h/sdk", "other", null, "aa:bb:cc:dd:ee:ff:00:11:22:33:44:55:66:77:88:99:aa:bb:cc:dd",
        Map.of("VIC_PASSWORD", "fromenv"));
    assertThat(t.datacenter()).isNull();
    assertThat(t.user()).isEqualTo("other");
    assertThat(t.password()).isEqualTo("fromenv");
    assertThat(t.thumbprint()).isEqualTo("AA:BB:CC:DD:EE:FF:00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD");
    assertThat(t.toString()).doesNotContain("fromenv");
  }

  @Test
  void missingPiecesNameTheirFlag() {
    assertThatThrownBy(() -> Target.parse(null, "u", "p", null, Map.of())).hasMessageStartingWith("--target: required");
    assertThatThrownBy(() -> Target.parse("h", null, "p", null, Map.of())).hasMessageStartingWith("--user: required");
    assertThatThrownBy(() -> Target.parse("h", "u", null, null, Map.of())).hasMessageStartingWith("--password: required");
    assertThatThrownBy(() -> Target.parse("ftp://h", "u", "p", null, Map.of())).hasMessageStartingWith("--target: expected");
    assertThatThrownBy(() -> Target.parse("h", "u", "p", "12:34", Map.of()))
        .hasMessageStartingWith("--thumbprint: expected a SHA-1 fingerprint");
  }
}
