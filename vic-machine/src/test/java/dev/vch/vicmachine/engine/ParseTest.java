package dev.vch.vicmachine.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class ParseTest {

  @ParameterizedTest
  @CsvSource({"2048,2048", "512MB,512", "512M,512", "512mib,512", "2GB,2048", "2g,2048", "1GiB,1024", "' 64 MB ',64"})
  void sizesInMb(String text, long mb) {
    assertThat(Parse.sizeMb("--memory", text)).isEqualTo(mb);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "lots", "1.5GB", "-1", "0", "2TB", "2 G B", "0x10", "2048KB", "9999999999"})
  void badSizesNameTheFlagAndTheForm(String text) {
    assertThatThrownBy(() -> Parse.sizeMb("--memory", text))
        .hasMessageStartingWith("--memory: expected a ")
        .hasMessageContaining("2GB");
  }

  @ParameterizedTest
  @CsvSource({"172.16.0.0/12", "10.0.0.0/8", "192.168.1.0/24", "10.1.2.4/30"})
  void networkRanges(String cidr) {
    assertThat(Parse.cidr("--bridge-network-range", cidr)).isEqualTo(cidr);
  }

  @ParameterizedTest
  @ValueSource(strings = {"172.16.0.1/12", "172.16.0.0", "172.16.0.0/33", "172.16.0.0/0", "172.16.0.0/31",
      "256.0.0.0/8", "10.0.0/8", "010.0.0.0/8", "10.0.0.0/08", "10.0.0.0/8/8", "a.b.c.d/8", " /8"})
  void badNetworkRanges(String cidr) {
    assertThatThrownBy(() -> Parse.cidr("--bridge-network-range", cidr))
        .isInstanceOf(VicMachineException.class)
        .hasMessageStartingWith("--bridge-network-range: expected an IPv4 network in CIDR form");
  }

  @ParameterizedTest
  @CsvSource({"3m,180", "90s,90", "1h30m,5400", "1m30s,90"})
  void durations(String text, long seconds) {
    assertThat(Parse.duration("--timeout", text)).isEqualTo(Duration.ofSeconds(seconds));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3", "3 m", "m3", "0s", "3d", "-3m", "3m3", ""})
  void badDurations(String text) {
    assertThatThrownBy(() -> Parse.duration("--timeout", text)).hasMessageStartingWith("--timeout: expected a duration");
  }

  @ParameterizedTest
  @ValueSource(strings = {"-vch", "vch 1", "vch/1", "", "a234567890123456789012345678901234567890x", "vch$"})
  void badNames(String name) {
    assertThatThrownBy(() -> Parse.name("--name", name)).hasMessageStartingWith("--name: expected 1-40 letters");
  }

  @ParameterizedTest
  @ValueSource(strings = {"tcp://10.0.0.1:514", "udp://syslog.example.com:514"})
  void syslog(String url) {
    assertThat(Parse.syslog("--syslog-address", url)).isEqualTo(url);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.0.0.1:514", "http://h:514", "tcp://h", "tcp://h:514/x"})
  void badSyslog(String url) {
    assertThatThrownBy(() -> Parse.syslog("--syslog-address", url))
        .hasMessageStartingWith("--syslog-address: expected tcp://host:port or udp://host:port");
  }
}
