package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Certificates;
import dev.vch.vicmachine.engine.Parse;
import dev.vch.vicmachine.engine.UpdateInProgress;
import dev.vch.vicmachine.engine.Upgrader;
import dev.vch.vicmachine.engine.Vch;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.VsphereClient;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "upgrade", description = "Upgrades a VCH to this vic-machine's version, or rolls the last upgrade back.")
final class UpgradeCommand extends VchCommand {

  @Option(names = "--rollback", description = "return to the version, ISO and configuration before the last upgrade")
  boolean rollback;

  @Option(names = {"--force", "-f"}, description = "upgrade even if the VCH's version is the same or newer")
  boolean force;

  @Option(names = "--reset-progress", description = "clear the UpdateInProgress flag a dead upgrade or configure left;"
      + " do not use while another one runs")
  boolean resetProgress;

  @Option(names = "--appliance-iso", paramLabel = "FILE",
      description = "appliance ISO of the new version (default: $VIC_APPLIANCE_ISO, else <iso dir>/appliance.iso)")
  String applianceIso;

  @Option(names = "--bootstrap-iso", paramLabel = "FILE",
      description = "containerVM ISO of the new version (default: $VIC_BOOTSTRAP_ISO, else <iso dir>/bootstrap.iso)")
  String bootstrapIso;

  @Option(names = "--tls-cert-path", paramLabel = "DIR",
      description = "the VCH's certificates, as create wrote them (default: ./<name>)")
  String tlsCertPath;

  @Option(names = "--timeout", paramLabel = "DURATION", defaultValue = "3m", description = "(default: ${DEFAULT-VALUE})")
  String timeout;

  @Override
  protected void validate() {
    Parse.duration("--timeout", timeout);
    if (rollback && (applianceIso != null || bootstrapIso != null)) {
      throw dev.vch.vicmachine.engine.VicMachineException.invalid(
          "--rollback: cannot be combined with --appliance-iso or --bootstrap-iso (rollback boots the recorded ISOs)");
    }
  }

  @Override
  protected ExitCode run(VsphereClient vc, Vch vch, ComputeResource compute) {
    if (resetProgress) {
      UpdateInProgress.reset(vc, vch, out());
      return ExitCode.OK;
    }
    Upgrader upgrader = new Upgrader(vc, out());
    String ip = rollback ? upgrader.rollback(vch, certificates(vch), Parse.duration("--timeout", timeout))
        : upgrader.upgrade(vch, Version.current(), IsoFiles.appliance(context, applianceIso),
            IsoFiles.bootstrap(context, bootstrapIso), () -> certificates(vch), Parse.duration("--timeout", timeout), force);
    boolean noTls = vch.config().tls() != null && vch.config().tls().disabled();
    Summary.print(out(), ip, certPath(vch), noTls, vch.config().tls() == null || vch.config().tls().verifyClients());
    return ExitCode.OK;
  }

  /** The VCH's certificates, needed to certify its address and reach its Docker API; null with --no-tls. */
  private Certificates certificates(Vch vch) {
    if (vch.config().tls() != null && vch.config().tls().disabled()) {
      return null;
    }
    return Certificates.load(certPath(vch));
  }

  private Path certPath(Vch vch) {
    return tlsCertPath != null ? Path.of(tlsCertPath).toAbsolutePath() : context.workingDir().resolve(vch.name());
  }
}
