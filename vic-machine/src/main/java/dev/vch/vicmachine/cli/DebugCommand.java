package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Vch;
import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.VsphereClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "debug", description = "Enables ssh access to a VCH appliance.")
final class DebugCommand extends VchCommand {

  @Option(names = "--enable-ssh", description = "start sshd in the appliance")
  boolean enableSsh;

  @Option(names = "--rootpw", paramLabel = "PASSWORD", description = "root password for ssh")
  String rootPassword;

  @Option(names = "--authorized-key", paramLabel = "FILE", description = "public key file for root")
  String authorizedKey;

  @Override
  protected void validate() {
    if (!enableSsh && rootPassword == null && authorizedKey == null) {
      throw VicMachineException.invalid("debug: nothing to do: give --enable-ssh (with --rootpw or --authorized-key)");
    }
  }

  @Override
  protected ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute) {
    throw new VicMachineException(VicMachineException.Kind.NOT_IMPLEMENTED, "VCH " + vch.name()
        + ": --enable-ssh is not available: the appliance of this version has no ssh server. On the embedded"
        + " vSphere endpoint the appliance runs as a process on the endpoint's host, so an ssh server in it would"
        + " be a root shell on that host; use the log server (vic-admin, port 2378) for the appliance's logs");
  }
}
