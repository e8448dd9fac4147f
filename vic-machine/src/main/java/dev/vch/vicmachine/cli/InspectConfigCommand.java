package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VchFinder;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "config", description = "Prints the create options that reproduce a VCH's configuration.")
final class InspectConfigCommand extends AbstractCommand {

  @Mixin
  TargetOptions targetOptions;

  @Mixin
  VchOptions vchOptions;

  @Option(names = "--format", paramLabel = "verbose|raw", defaultValue = "verbose",
      description = "verbose: create options; raw: the extraConfig entries (secrets hidden)")
  String format;

  @Override
  protected ExitCode run() {
    if (!format.equals("verbose") && !format.equals("raw")) {
      throw dev.vch.vicmachine.engine.VicMachineException.invalid(
          "--format: expected verbose or raw (got \"" + format + "\")");
    }
    Target target = targetOptions.resolve(context.env());
    try (VsphereClient vc = connect(target)) {
      Vch v = new VchFinder(vc).find(VchFinder.datacenter(vc, target), vchOptions.computeResource(),
          vchOptions.name(), vchOptions.id());
      if (format.equals("raw")) {
        VchConfig.redacted(v.appliance().extraConfig()).forEach((k, val) -> {
          if (k.startsWith("guestinfo.vice.")) {
            out().println(k + "=" + val);
          }
        });
      } else {
        options(v.config()).forEach(out()::println);
      }
    }
    return ExitCode.OK;
  }

  static List<String> options(VchConfig c) {
    List<String> o = new ArrayList<>();
    o.add("--name=" + c.name());
    if (c.computeResource() != null) {
      o.add("--compute-resource=" + c.computeResource());
    }
    for (String s : c.imageStores()) {
      o.add("--image-store=" + s.replaceFirst("^ds://\\[([^]]+)\\]/?", "$1/").replaceAll("/$", ""));
    }
    for (Map.Entry<String, String> e : c.volumeStores().entrySet()) {
      o.add("--volume-store=" + e.getValue().replaceFirst("^ds://\\[([^]]+)\\]/?", "$1/") + ":" + e.getKey());
    }
    VchConfig.VchNetwork n = c.network();
    if (n != null) {
      add(o, "--bridge-network", n.bridgeCreated() ? null : n.bridgeNetwork());
      add(o, "--bridge-network-range", n.bridgeRange());
      add(o, "--public-network", n.publicNetwork());
      add(o, "--client-network", n.clientNetwork());
      add(o, "--management-network", n.managementNetwork());
      n.containerNetworks().forEach((alias, pg) -> o.add("--container-network=" + pg + (alias.equals(pg) ? "" : ":" + alias)));
      n.dnsServers().forEach(d -> o.add("--dns-server=" + d));
    }
    if (c.tls() != null && c.tls().disabled()) {
      o.add("--no-tls");
    } else if (c.tls() != null && !c.tls().verifyClients()) {
      o.add("--no-tlsverify");
    }
    if (c.registry() != null) {
      c.registry().insecureRegistries().forEach(r -> o.add("--insecure-registry=" + r));
      c.registry().whitelist().forEach(r -> o.add("--whitelist-registry=" + r));
    }
    add(o, "--syslog-address", c.syslogAddress());
    add(o, "--container-name-convention", c.containerNameConvention());
    if (c.debug() > 0) {
      o.add("--debug=" + c.debug());
    }
    return o;
  }

  private static void add(List<String> o, String flag, String value) {
    if (value != null && !value.isBlank()) {
      o.add(flag + "=" + value);
    }
  }
}
