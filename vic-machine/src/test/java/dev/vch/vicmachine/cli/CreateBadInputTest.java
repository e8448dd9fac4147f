package dev.vch.vicmachine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every create (and upgrade) flag is validated before anything is contacted; the message names the
 * flag and the form. The target is a closed port: reaching it would fail as UNAVAILABLE instead.
 */
class CreateBadInputTest {

  @TempDir Path dir;

  @ParameterizedTest(name = "{0} {1}")
  @CsvSource(delimiter = '|', value = {
      "--memory|lots|--memory: expected a size such as 2048, 512MB or 2GB",
      "--endpoint-memory|256|--endpoint-memory: expected at least 512MB",
      "--endpoint-memory|2TB|--endpoint-memory: expected a size",
      "--cpu|fast|--cpu: expected a whole number",
      "--endpoint-cpu|0|--endpoint-cpu: expected a whole number from 1 to 64",
      "--bridge-network-range|172.16.0.1/12|--bridge-network-range: expected an IPv4 network in CIDR form such as 172.16.0.0/12 whose host bits are zero",
      "--bridge-network-range|172.16.0.0|--bridge-network-range: expected an IPv4 network in CIDR form",
      "--dns-server|8.8.8|--dns-server: expected an IPv4 address",
      "--volume-store|datastore1/volumes|--volume-store: expected DATASTORE/PATH:LABEL",
      "--volume-store|/volumes:default|--volume-store: expected DATASTORE/PATH:LABEL",
      "--container-network|a:b:c|--container-network: expected PORTGROUP[:ALIAS]",
      "--timeout|3|--timeout: expected a duration such as 3m",
      "--name|bad/name|--name: expected 1-40 letters",
      "--thumbprint|AB:CD|--thumbprint: expected a SHA-1 fingerprint",
      "--syslog-address|10.0.0.1|--syslog-address: expected tcp://host:port or udp://host:port",
      "--insecure-registry|http://reg|--insecure-registry: expected host or host:port",
      "--whitelist-registry|10.0.0.0/40|--whitelist-registry: expected host, host:port or an IPv4 CIDR",
      "--whitelist-registry|https://reg/x|--whitelist-registry: expected host, host:port or an IPv4 CIDR",
      "--tls-cname|bad name|--tls-cname: expected a DNS name or IP address",
      "--tls-ca|/nonexistent/ca.pem|--tls-ca: expected a readable PEM file",
      "--registry-ca|/nonexistent/ca.pem|--registry-ca: expected a readable PEM file",
      "--debug|9|--debug: expected a whole number from 0 to 3",
      "--image-store|ds/../x|--image-store: expected DATASTORE[/PATH]",
      "--container-name-convention|prod|--container-name-convention: expected a pattern containing {name} or {id}",
      "--public-network|''|--public-network: expected a portgroup name"})
  void flagIsValidated(String flag, String value, String message) {
    List<String> args = new ArrayList<>(List.of("create", "--target", "127.0.0.1:9", "--user", "u", "--password", "p"));
    args.add(flag + "=" + value);
    Run r = run(args.toArray(new String[0]));
    assertThat(r.err).contains(message);
    assertThat(r.code).isEqualTo(ExitCode.INVALID.code());
  }

  @org.junit.jupiter.api.Test
  void noTlsExcludesNoTlsVerify() {
    Run r = run("create", "--target", "127.0.0.1:9", "--user", "u", "--password", "p", "--no-tls", "--no-tlsverify");
    assertThat(r.err).contains("--no-tls: cannot be combined with --no-tlsverify");
    assertThat(r.code).isEqualTo(ExitCode.INVALID.code());
  }

  @org.junit.jupiter.api.Test
  void missingTargetIsNamed() {
    Run r = run("create", "--user", "u", "--password", "p");
    assertThat(r.err).contains("--target: required");
    assertThat(r.code).isEqualTo(ExitCode.INVALID.code());
  }

  @org.junit.jupiter.api.Test
  void unknownFlagIsAUsageError() {
    Run r = run("create", "--colour", "blue");
    assertThat(r.err).contains("Unknown option").contains("--colour");
    assertThat(r.code).isEqualTo(ExitCode.USAGE.code());
  }

  @org.junit.jupiter.api.Test
  void upgradeFlagsAreValidatedFirst() {
    Run timeout = run("upgrade", "--target", "127.0.0.1:9", "--user", "u", "--password", "p", "--name", "v",
        "--timeout", "soon");
    assertThat(timeout.err).contains("--timeout: expected a duration such as 3m");
    assertThat(timeout.code).isEqualTo(ExitCode.INVALID.code());
    Run rollback = run("upgrade", "--target", "127.0.0.1:9", "--user", "u", "--password", "p", "--name", "v",
        "--rollback", "--appliance-iso", "x.iso");
    assertThat(rollback.err).contains("--rollback: cannot be combined with --appliance-iso or --bootstrap-iso");
    assertThat(rollback.code).isEqualTo(ExitCode.INVALID.code());
  }

  record Run(int code, String out, String err) {}

  Run run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), dir), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }
}
