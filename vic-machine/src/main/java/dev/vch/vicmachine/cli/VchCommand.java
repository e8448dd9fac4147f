package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Target;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VchFinder;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.VsphereClient;
import picocli.CommandLine.Mixin;

/** Base of commands that work on one existing VCH (--name or --id). */
abstract class VchCommand extends AbstractCommand {

  @Mixin TargetOptions targetOptions;
  @Mixin VchOptions vchOptions;

  /** Validates flags before anything is contacted. */
  protected void validate() {}

  @Override
  protected final ExitCode run() {
    String name = vchOptions.name();
    String id = vchOptions.id();
    validate();
    Target target = targetOptions.resolve(context.env());
    try (VsphereClient vc = connect(target)) {
      Datacenter dc = VchFinder.datacenter(vc, target);
      Vch v = new VchFinder(vc).find(dc, vchOptions.computeResource(), name, id);
      String crPath = vchOptions.computeResource() != null ? vchOptions.computeResource() : v.config().computeResource();
      ComputeResource cr = vc.inventory().computeResource(dc, crPath);
      return run(vc, v, cr);
    }
  }

  protected abstract ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute);
}
