package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.FirewallUpdater;
import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.VchFinder;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.VsphereClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "firewall",
    description = "Allows or denies outgoing serial connections (ruleset vic-engine, or vSPC) on every host.")
final class FirewallCommand extends AbstractCommand {

  @Mixin TargetOptions targetOptions;

  @Option(names = {"--compute-resource", "-r"}, paramLabel = "PATH", description = "cluster or host (default: the only one)")
  String computeResource;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Mode mode;

  static final class Mode {
    @Option(names = "--allow", required = true, description = "enable the ruleset") boolean allow;
    @Option(names = "--deny", required = true, description = "disable the ruleset") boolean deny;
  }

  @Override
  protected ExitCode run() {
    Target target = targetOptions.resolve(context.env());
    try (VsphereClient vc = connect(target)) {
      Datacenter dc = VchFinder.datacenter(vc, target);
      new FirewallUpdater(vc, out()).update(vc.inventory().computeResource(dc, computeResource), mode.allow);
    }
    return ExitCode.OK;
  }
}
