package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.UpdateInProgress;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VchFinder;
import dev.vch.vicmachine.engine.Versions;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.VsphereClient;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "ls", description = "Lists the VCHs on the target.")
final class LsCommand extends AbstractCommand {

  @Mixin
  TargetOptions targetOptions;

  @Option(names = {"--compute-resource", "-r"}, paramLabel = "PATH",
      description = "only VCHs in this cluster, host or resource pool")
  String computeResource;

  @Override
  protected ExitCode run() {
    Target target = targetOptions.resolve(context.env());
    try (VsphereClient vc = connect(target)) {
      Datacenter dc = VchFinder.datacenter(vc, target);
      List<Vch> vchs = new VchFinder(vc).list(dc, computeResource);
      Table t = new Table("ID", "PATH", "NAME", "VERSION", "UPGRADE STATUS");
      for (Vch v : vchs) {
        t.row(v.id(), v.poolPath(), v.name(), v.config().version(), Versions.upgradeStatus(v.config().version(), Version.current(),
            UpdateInProgress.isSet(v.appliance().extraConfig())));
      }
      t.print(out());
    }
    return ExitCode.OK;
  }
}
