package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.CreateSpec;
import dev.vch.vicmachine.engine.Installer;
import dev.vch.vicmachine.engine.Parse;
import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.VsphereClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "create", description = "Deploys a Virtual Container Host.")
final class CreateCommand extends AbstractCommand {

  @Mixin TargetOptions targetOptions;
  @Mixin VchOptions vchOptions;

  @Option(names = {"--image-store", "-i"}, paramLabel = "DATASTORE[/PATH]",
      description = "datastore for images and the appliance (default: the only datastore)")
  String imageStore;
  @Option(names = "--volume-store", paramLabel = "DATASTORE/PATH:LABEL", description = "a volume store (repeatable)")
  List<String> volumeStores = new ArrayList<>();
  @Option(names = {"--bridge-network", "-b"}, paramLabel = "PORTGROUP",
      description = "portgroup for the bridge network (default: create <name>-bridge)")
  String bridgeNetwork;
  @Option(names = "--bridge-network-range", paramLabel = "CIDR", defaultValue = "172.16.0.0/12",
      description = "range bridge networks are allocated from (default: ${DEFAULT-VALUE})")
  String bridgeRange;
  @Option(names = "--public-network", paramLabel = "PORTGROUP", defaultValue = "VM Network",
      description = "network for container port publishing and outgoing traffic (default: ${DEFAULT-VALUE})")
  String publicNetwork;
  @Option(names = "--client-network", paramLabel = "PORTGROUP", description = "network docker clients use (default: public)")
  String clientNetwork;
  @Option(names = "--management-network", paramLabel = "PORTGROUP", description = "network to reach vSphere (default: public)")
  String managementNetwork;
  @Option(names = "--container-network", paramLabel = "PORTGROUP[:ALIAS]", description = "a container network (repeatable)")
  List<String> containerNetworks = new ArrayList<>();
  @Option(names = "--dns-server", paramLabel = "IP", description = "DNS server (repeatable)")
  List<String> dnsServers = new ArrayList<>();
  @Option(names = "--tls-cname", paramLabel = "NAME", description = "name or address for the server certificate (repeatable)")
  List<String> tlsCnames = new ArrayList<>();
  @Option(names = "--no-tlsverify", description = "do not verify client certificates")
  boolean noTlsVerify;
  @Option(names = "--no-tls", description = "serve the Docker API without TLS on 2375")
  boolean noTls;
  @Option(names = "--tls-ca", paramLabel = "FILE", description = "CA bundle (PEM) for client certificates (repeatable)")
  List<String> tlsCas = new ArrayList<>();
  @Option(names = "--tls-cert-path", paramLabel = "DIR", description = "certificate directory (default: ./<name>)")
  String tlsCertPath;
  @Option(names = "--registry-ca", paramLabel = "FILE", description = "extra registry CA (PEM) (repeatable)")
  List<String> registryCas = new ArrayList<>();
  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "registry without TLS verification (repeatable)")
  List<String> insecureRegistries = new ArrayList<>();
  @Option(names = "--whitelist-registry", paramLabel = "HOST[:PORT]|CIDR",
      description = "when given, the only registries the VCH pulls from (repeatable)")
  List<String> whitelistRegistries = new ArrayList<>();
  @Option(names = "--cpu", paramLabel = "MHZ", description = "resource pool CPU limit in MHz (default: unlimited)")
  String cpu;
  @Option(names = "--memory", paramLabel = "SIZE", description = "resource pool memory limit, e.g. 8GB (default: unlimited)")
  String memory;
  @Option(names = "--endpoint-cpu", paramLabel = "N", defaultValue = "1", description = "appliance vCPUs (default: ${DEFAULT-VALUE})")
  String endpointCpu;
  @Option(names = "--endpoint-memory", paramLabel = "SIZE", defaultValue = "2048",
      description = "appliance memory (default: ${DEFAULT-VALUE} MB)")
  String endpointMemory;
  @Option(names = "--ops-user", paramLabel = "USER", description = "user the VCH uses for vSphere (default: --user)")
  String opsUser;
  @Option(names = "--ops-password", paramLabel = "PASSWORD", description = "password of --ops-user")
  String opsPassword;
  @Option(names = "--syslog-address", paramLabel = "URL", description = "tcp://host:port or udp://host:port")
  String syslogAddress;
  @Option(names = "--container-name-convention", paramLabel = "PATTERN",
      description = "containerVM display names, with {name} or {id} (e.g. prod-{name})")
  String containerNameConvention;
  @Option(names = "--appliance-iso", paramLabel = "FILE", description = "appliance ISO (default: $VIC_APPLIANCE_ISO, else <iso dir>/appliance.iso)")
  String applianceIso;
  @Option(names = "--bootstrap-iso", paramLabel = "FILE", description = "containerVM ISO (default: $VIC_BOOTSTRAP_ISO, else <iso dir>/bootstrap.iso)")
  String bootstrapIso;
  @Option(names = {"--force", "-f"}, description = "continue past failed firewall and licence checks")
  boolean force;
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m",
      description = "how long to wait for the appliance (default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  protected ExitCode run() {
    CreateSpec spec = spec();
    Target target = targetOptions.resolve(context.env());
    try (VsphereClient vc = connect(target)) {
      Installer.Result r = new Installer(vc, target, out()).create(spec);
      Summary.print(out(), r.ip(), r.certPath(), spec.noTls(), !spec.noTls() && !spec.noTlsVerify());
    }
    return ExitCode.OK;
  }

  CreateSpec spec() {
    String name = vchOptions.name();
    String imageDs = null;
    String imagePath = name;
    if (imageStore != null) {
      String[] p = splitStore("--image-store", imageStore.replaceFirst("^ds://", ""), "DATASTORE[/PATH]");
      imageDs = p[0];
      imagePath = p[1].isEmpty() ? name : p[1];
    }
    Map<String, List<String>> volumes = new LinkedHashMap<>();
    for (String v : volumeStores) {
      int colon = v.lastIndexOf(':');
      String label = colon < 0 ? "" : v.substring(colon + 1);
      if (colon < 0 || !label.matches("[A-Za-z0-9][A-Za-z0-9_.-]*")) {
        throw VicMachineException.invalid("--volume-store: expected DATASTORE/PATH:LABEL such as datastore1/volumes:default"
            + " (got \"" + v + "\")");
      }
      String[] p = splitStore("--volume-store", v.substring(0, colon).replaceFirst("^ds://", ""), "DATASTORE/PATH:LABEL");
      if (volumes.put(label, List.of(p[0], p[1].isEmpty() ? name + "-volumes" : p[1])) != null) {
        throw VicMachineException.invalid("--volume-store: the label \"" + label + "\" is given twice");
      }
    }
    Map<String, String> containerNets = new LinkedHashMap<>();
    for (String c : containerNetworks) {
      String[] p = c.split(":", -1);
      if (p.length > 2 || p[0].isBlank() || (p.length == 2 && !p[1].matches("[A-Za-z0-9][A-Za-z0-9_.-]*"))) {
        throw VicMachineException.invalid("--container-network: expected PORTGROUP[:ALIAS] (got \"" + c + "\")");
      }
      containerNets.put(p.length == 2 ? p[1] : p[0], p[0]);
    }
    List<String> dns = dnsServers.stream().map(d -> Parse.ipv4("--dns-server", d)).toList();
    for (String cn : tlsCnames) {
      if (!cn.matches("[A-Za-z0-9*]([A-Za-z0-9.-]*[A-Za-z0-9])?")) {
        throw VicMachineException.invalid("--tls-cname: expected a DNS name or IP address (got \"" + cn + "\")");
      }
    }
    if (noTls && (noTlsVerify || !tlsCas.isEmpty())) {
      throw VicMachineException.invalid("--no-tls: cannot be combined with --no-tlsverify or --tls-ca");
    }
    List<String> registries = insecureRegistries.stream().map(r -> Parse.hostPort("--insecure-registry", r)).toList();
    return new CreateSpec(name, vchOptions.computeResource(), imageDs, imagePath, volumes, blankToNull(bridgeNetwork),
        Parse.cidr("--bridge-network-range", bridgeRange), required("--public-network", publicNetwork),
        blankToNull(clientNetwork), blankToNull(managementNetwork), containerNets, dns, tlsCnames, noTls, noTlsVerify,
        files("--tls-ca", tlsCas), tlsCertPath != null ? Path.of(tlsCertPath).toAbsolutePath()
            : context.workingDir().resolve(name),
        files("--registry-ca", registryCas), registries,
        whitelistRegistries.stream().map(r -> Parse.registry("--whitelist-registry", r)).toList(),
        cpu == null ? -1 : Parse.count("--cpu", cpu, 1, 10_000_000),
        memory == null ? -1 : Parse.sizeMb("--memory", memory),
        Parse.count("--endpoint-cpu", endpointCpu, 1, 64), minMemory(Parse.sizeMb("--endpoint-memory", endpointMemory)),
        blankToNull(opsUser), opsPassword, syslogAddress == null ? null : Parse.syslog("--syslog-address", syslogAddress),
        nameConvention(), IsoFiles.appliance(context, applianceIso),
        IsoFiles.bootstrap(context, bootstrapIso),
        Parse.count("--debug", debug, 0, 3), force, Parse.duration("--timeout", timeout));
  }

  private static long minMemory(long mb) {
    if (mb < 512) {
      throw VicMachineException.invalid("--endpoint-memory: expected at least 512MB (got " + mb + "MB)");
    }
    return mb;
  }

  private String nameConvention() {
    if (containerNameConvention == null) {
      return null;
    }
    if (!containerNameConvention.contains("{name}") && !containerNameConvention.contains("{id}")) {
      throw VicMachineException.invalid("--container-name-convention: expected a pattern containing {name} or {id}"
          + " such as prod-{name} (got \"" + containerNameConvention + "\")");
    }
    return containerNameConvention;
  }

  private static String[] splitStore(String flag, String value, String form) {
    int slash = value.indexOf('/');
    String ds = slash < 0 ? value : value.substring(0, slash);
    String path = slash < 0 ? "" : value.substring(slash + 1).replaceAll("^/+|/+$", "");
    if (ds.isBlank() || path.contains("..") || path.contains("//")) {
      throw VicMachineException.invalid(flag + ": expected " + form + " (got \"" + value + "\")");
    }
    return new String[] {ds, path};
  }

  private static List<Path> files(String flag, List<String> names) {
    List<Path> out = new ArrayList<>();
    for (String n : names) {
      Path p = Path.of(n).toAbsolutePath();
      if (!Files.isRegularFile(p)) {
        throw VicMachineException.invalid(flag + ": expected a readable PEM file (\"" + n + "\" not found)");
      }
      out.add(p);
    }
    return out;
  }

  private static String required(String flag, String v) {
    if (v == null || v.isBlank()) {
      throw VicMachineException.invalid(flag + ": expected a portgroup name (got \"\")");
    }
    return v;
  }

  private static String blankToNull(String v) {
    return v == null || v.isBlank() ? null : v;
  }
}
