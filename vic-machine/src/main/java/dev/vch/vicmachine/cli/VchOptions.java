package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Parse;
import dev.vch.vicmachine.engine.VicMachineException;
import picocli.CommandLine.Option;

/** --compute-resource, --name, --id: which VCH a command works on. */
public final class VchOptions {

  @Option(names = {"--compute-resource", "-r"}, paramLabel = "PATH",
      description = "cluster, host or resource pool path (default: the only one)")
  String computeResource;

  @Option(names = {"--name", "-n"}, paramLabel = "NAME", description = "name of the VCH (default: ${DEFAULT-VALUE})",
      defaultValue = "virtual-container-host")
  String name;

  @Option(names = "--id", paramLabel = "ID", description = "ID of the VCH (its appliance VM id, as ls prints it)")
  String id;

  public String name() {
    return Parse.name("--name", name);
  }

  public String id() {
    if (id != null && !id.matches("vm-[A-Za-z0-9-]+|[0-9]+")) {
      throw VicMachineException.invalid("--id: expected a VM id as printed by ls, such as vm-42 (got \"" + id + "\")");
    }
    return id;
  }

  public String computeResource() {
    return computeResource;
  }
}
