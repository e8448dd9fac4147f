package dev.vch.vsphere.api.vch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.tether.config.Common;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class VchConfigTest {

  public static VchConfig sample() {
    return new VchConfig(Common.of("vm-42", "vch1"), "0.1.0", Instant.ofEpochSecond(1_700_000_000L), "cluster0/pool",
        new VchConfig.VchTarget("https://127.0.0.1:8443/sdk", "root", "pw|%secret", "AA:BB", "DC0", "resgroup-5",
            "VirtualApp", "group-v3", "datastore1"), "[datastore1] vch1/bootstrap.iso",
        List.of("ds://[datastore1]/vch1"), Map.of("default", "ds://[datastore1]/volumes", "fast", "ds://[ssd]/v"),
        new VchConfig.VchNetwork("vch1-bridge", "172.16.0.0/12", true, "VM Network", null, null,
            Map.of("net-a", "Portgroup A"), List.of("8.8.8.8", "1.1.1.1")),
        new VchConfig.VchTls(false, true, "-----BEGIN CERTIFICATE-----\nMII|x%\n-----END CERTIFICATE-----\n",
            "-----BEGIN PRIVATE KEY-----\nsecret\n-----END PRIVATE KEY-----\n", "ca"),
        new VchConfig.VchRegistry(List.of("reg.local:5000"), null, List.of("10.0.0.0/8", "reg.local:5000")), 2, 2048,
        "tcp://10.0.0.1:514", "{name}-{id}", 1, false);
  }

  @Test
  void roundTripsThroughExtraConfig() {
    VchConfig config = sample();
    Map<String, String> ec = config.toExtraConfig();
    assertThat(ec).containsEntry("guestinfo.vice./common/name", "vch1")
        .containsEntry(VchConfig.VERSION_KEY, "0.1.0")
        .containsKey("guestinfo.vice./tls/serverKey");
    assertThat(ec.keySet()).allMatch(k -> k.startsWith(ExtraConfigCodec.PREFIX));
    assertThat(VchConfig.isVch(ec)).isTrue();
    assertThat(VchConfig.fromExtraConfig(ec)).isEqualTo(config);
  }

  @Test
  void ignoresForeignKeysAndHidesTheServerKey() {
    Map<String, String> ec = new java.util.TreeMap<>(sample().toExtraConfig());
    ec.put("guestinfo.other", "x");
    ec.put("annotation", "y");
    assertThat(VchConfig.fromExtraConfig(ec)).isEqualTo(sample());
    Map<String, String> shown = VchConfig.redacted(ec);
    assertThat(shown.get("guestinfo.vice./tls/serverKey")).isEqualTo(ExtraConfigCodec.REDACTED);
    assertThat(shown.get("guestinfo.vice./common/name")).isEqualTo("vch1");
    assertThat(shown.get("guestinfo.vice./target/password")).isEqualTo(ExtraConfigCodec.REDACTED);
    assertThat(sample().target().toString()).doesNotContain("secret");
    assertThat(sample().tls().toString()).doesNotContain("secret");
  }

  @Test
  void aContainerVmIsNotAVch() {
    assertThat(VchConfig.isVch(Map.of("guestinfo.vice./common/id", "abc"))).isFalse();
  }
}
