package dev.vch.vsphere.api.vch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.tether.guestinfo.ExtraConfigCodec;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VchRollbackTest {

  private static VchRollback sample() {
    return new VchRollback("0.0.9", "[datastore1] vch1/appliance.iso", "0.1.0", Instant.ofEpochSecond(1_700_000_100L),
        VchConfigTest.sample());
  }

  @Test
  void livesNextToTheConfigurationAndRoundTrips() {
    Map<String, String> ec = new TreeMap<>(VchConfigTest.sample().upgradedTo("0.1.0", "[datastore1] vch1/b-0.1.0.iso")
        .toExtraConfig());
    ec.putAll(sample().toExtraConfig());
    assertThat(ec).containsEntry("guestinfo.vice./rollback/version", "0.0.9")
        .containsEntry("guestinfo.vice./rollback/config/applianceVersion", "0.1.0")
        .containsEntry(VchConfig.VERSION_KEY, "0.1.0");
    assertThat(VchRollback.fromExtraConfig(ec)).isEqualTo(sample());
    assertThat(VchConfig.fromExtraConfig(ec).bootstrapIso()).isEqualTo("[datastore1] vch1/b-0.1.0.iso");
  }

  @Test
  void absentWhenNothingWasRecorded() {
    assertThat(VchRollback.fromExtraConfig(VchConfigTest.sample().toExtraConfig())).isNull();
  }

  @Test
  void clearingRemovesEveryKeyOfTheRecordAndNothingElse() {
    Map<String, String> ec = new TreeMap<>(VchConfigTest.sample().toExtraConfig());
    ec.putAll(sample().toExtraConfig());
    Map<String, String> clear = VchRollback.clearing(ec);
    assertThat(clear.keySet()).isEqualTo(sample().toExtraConfig().keySet());
    assertThat(clear.values()).allMatch(String::isEmpty);
  }

  @Test
  void theRecordedSecretsAreRedactedToo() {
    Map<String, String> ec = new TreeMap<>(VchConfigTest.sample().toExtraConfig());
    ec.putAll(sample().toExtraConfig());
    Map<String, String> shown = VchConfig.redacted(ec);
    assertThat(shown.get("guestinfo.vice./rollback/config/target/password")).isEqualTo(ExtraConfigCodec.REDACTED);
    assertThat(shown.get("guestinfo.vice./rollback/config/tls/serverKey")).isEqualTo(ExtraConfigCodec.REDACTED);
    assertThat(shown.get("guestinfo.vice./target/password")).isEqualTo(ExtraConfigCodec.REDACTED);
    assertThat(shown.get("guestinfo.vice./rollback/version")).isEqualTo("0.0.9");
  }
}
