package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.VsphereClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade", description = "Upgrades a VCH to this vic-machine's version.")
final class UpgradeCommand extends VchCommand {

  @Option(names = "--rollback", description = "return to the version before the last upgrade")
  boolean rollback;

  @Option(names = {"--force", "-f"}, description = "upgrade even if the versions look equal")
  boolean force;

  @Option(names = "--appliance-iso", paramLabel = "FILE", description = "appliance ISO of the new version")
  String applianceIso;

  @Option(names = "--bootstrap-iso", paramLabel = "FILE", description = "containerVM ISO of the new version")
  String bootstrapIso;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m", description = "(default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  protected void validate() {
    dev.vch.vicmachine.engine.Parse.duration("--timeout", timeout);
  }

  @Override
  protected ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute) {
    String have = vch.config().version();
    if (rollback) {
      throw new VicMachineException(VicMachineException.Kind.NOT_FOUND, "VCH " + vch.name()
          + " has not been upgraded by this version of vic-machine; there is no earlier version to roll back to");
    }
    if (Version.current().equals(have) && !force) {
      out().println("VCH " + vch.name() + " is already at version " + have + "; nothing to upgrade");
      return ExitCode.OK;
    }
    throw new VicMachineException(VicMachineException.Kind.NOT_IMPLEMENTED, "upgrading VCH " + vch.name()
        + " from version " + have + " to " + Version.current() + " is not implemented in this version");
  }
}
