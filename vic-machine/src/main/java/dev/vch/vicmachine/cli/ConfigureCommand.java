package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Configurer;
import dev.vch.vicmachine.engine.Parse;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Network;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "configure", description = "Changes the configuration of an existing VCH.")
final class ConfigureCommand extends VchCommand {

  @Option(names = "--dns-server", paramLabel = "IP", description = "DNS servers (replaces the list; repeatable)")
  List<String> dnsServers = new ArrayList<>();
  @Option(names = "--container-network", paramLabel = "PORTGROUP[:ALIAS]", description = "add a container network (repeatable)")
  List<String> containerNetworks = new ArrayList<>();
  @Option(names = "--insecure-registry", paramLabel = "HOST[:PORT]", description = "insecure registries (replaces the list)")
  List<String> insecureRegistries = new ArrayList<>();
  @Option(names = "--syslog-address", paramLabel = "URL", description = "tcp://host:port or udp://host:port")
  String syslogAddress;
  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m", description = "(default: ${DEFAULT-VALUE})")
  String timeout;

  private boolean debugGiven() {
    return !"0".equals(debug);
  }

  @Override
  protected void validate() {
    Parse.duration("--timeout", timeout);
    dnsServers.forEach(d -> Parse.ipv4("--dns-server", d));
    insecureRegistries.forEach(r -> Parse.hostPort("--insecure-registry", r));
    if (syslogAddress != null) {
      Parse.syslog("--syslog-address", syslogAddress);
    }
    Parse.count("--debug", debug, 0, 3);
    for (String c : containerNetworks) {
      String[] p = c.split(":", -1);
      if (p.length > 2 || p[0].isBlank()) {
        throw VicMachineException.invalid("--container-network: expected PORTGROUP[:ALIAS] (got \"" + c + "\")");
      }
    }
    if (dnsServers.isEmpty() && containerNetworks.isEmpty() && insecureRegistries.isEmpty() && syslogAddress == null
        && !debugGiven()) {
      throw VicMachineException.invalid("configure: nothing to change: give --dns-server, --container-network,"
          + " --insecure-registry, --syslog-address or --debug");
    }
  }

  @Override
  protected ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute) {
    VchConfig c = vch.config();
    VchConfig.VchNetwork n = c.network();
    Map<String, String> nets = new LinkedHashMap<>(n.containerNetworks());
    for (String cn : containerNetworks) {
      String[] p = cn.split(":", -1);
      Network net = vc.inventory().networks(vch.datacenter()).stream().filter(x -> x.name().equals(p[0])).findFirst()
          .orElseThrow(() -> new VicMachineException(VicMachineException.Kind.NOT_FOUND,
              "--container-network: network '" + p[0] + "' not found"));
      nets.put(p.length == 2 ? p[1] : net.name(), net.name());
    }
    VchConfig.VchNetwork network = new VchConfig.VchNetwork(n.bridgeNetwork(), n.bridgeRange(), n.bridgeCreated(),
        n.publicNetwork(), n.clientNetwork(), n.managementNetwork(), nets,
        dnsServers.isEmpty() ? n.dnsServers() : dnsServers);
    VchConfig.VchRegistry registry = insecureRegistries.isEmpty() ? c.registry()
        : new VchConfig.VchRegistry(insecureRegistries, c.registry() == null ? null : c.registry().registryCasPem(),
            c.registry() == null ? List.of() : c.registry().whitelist());
    VchConfig updated = new VchConfig(c.common(), c.version(), c.createTime(), c.computeResource(), c.target(),
        c.bootstrapIso(), c.imageStores(), c.volumeStores(), network, c.tls(), registry, c.containerCpus(),
        c.containerMemoryMB(), syslogAddress != null ? syslogAddress : c.syslogAddress(), c.containerNameConvention(),
        debugGiven() ? Integer.parseInt(debug.trim()) : c.debug(), c.sshEnabled());
    new Configurer(vc, out()).apply(vch, updated, Parse.duration("--timeout", timeout));
    return ExitCode.OK;
  }
}
