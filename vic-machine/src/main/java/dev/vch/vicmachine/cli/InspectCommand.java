package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.UpdateInProgress;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VchFinder;
import dev.vch.vicmachine.engine.Versions;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "inspect", description = "Shows a VCH's state and how to connect to it.",
    subcommands = InspectConfigCommand.class)
final class InspectCommand extends AbstractCommand {

  @Mixin
  TargetOptions targetOptions;

  @Mixin
  VchOptions vchOptions;

  @Option(names = "--tls-cert-path", paramLabel = "DIR", description = "where the VCH's certificates are (default: ./<name>)")
  String tlsCertPath;

  @Override
  protected ExitCode run() {
    Target target = targetOptions.resolve(context.env());
    String name = vchOptions.name();
    String id = vchOptions.id();
    try (VsphereClient vc = connect(target)) {
      Datacenter dc = VchFinder.datacenter(vc, target);
      Vch v = new VchFinder(vc).find(dc, vchOptions.computeResource(), name, id);
      VchConfig c = v.config();
      out().println("VCH ID: " + v.id());
      out().println("VCH name: " + v.name());
      out().println("VCH path: " + v.poolPath());
      out().println("Installer version: " + Version.current());
      out().println("VCH version: " + c.version());
      out().println("VCH upgrade status: " + Versions.upgradeStatus(c.version(), Version.current(),
          UpdateInProgress.isSet(v.appliance().extraConfig())));
      out().println("VCH power state: " + v.appliance().powerState());
      String ip = v.appliance().ipAddress();
      if (!v.appliance().poweredOn() || ip == null || ip.isBlank()) {
        out().println("The VCH appliance is not running or has no IP address yet; it cannot be reached.");
        return ExitCode.OK;
      }
      out().println("VCH IP address: " + ip);
      Path certs = tlsCertPath != null ? Path.of(tlsCertPath) : context.workingDir().resolve(v.name());
      boolean noTls = c.tls() != null && c.tls().disabled();
      boolean verify = c.tls() == null || c.tls().verifyClients();
      Summary.print(out(), ip, certs.toAbsolutePath(), noTls, verify);
    }
    return ExitCode.OK;
  }
}
