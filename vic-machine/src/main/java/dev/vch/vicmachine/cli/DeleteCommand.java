package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Deleter;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.VsphereClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "delete", description = "Deletes a VCH, its containers and images (volume stores only with --force).")
final class DeleteCommand extends VchCommand {

  @Option(names = {"--force", "-f"}, description = "also delete running containers and the volume stores")
  boolean force;

  @Override
  protected ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute) {
    out().println("Deleting VCH " + vch.name() + " (" + vch.id() + ")");
    new Deleter(vc, out()).delete(vch, compute, force);
    return ExitCode.OK;
  }
}
