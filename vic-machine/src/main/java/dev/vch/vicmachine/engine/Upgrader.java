package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.DatastoreFiles;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.vch.VchConfig;
import dev.vch.vsphere.api.vch.VchRollback;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code vic-machine upgrade [--rollback]}. Upgrade uploads the new version's ISOs next to the old
 * ones under version-named files, records the previous version, boot ISO and configuration in the
 * appliance's extraConfig ({@link VchRollback}), and boots the appliance from the new ISO; rollback
 * boots the recorded state again. Both go through {@link ApplianceSwitch}, which puts the appliance
 * back when the move fails.
 */
public final class Upgrader {

  private static final Pattern DATASTORE_PATH = Pattern.compile("\\[([^\\]]+)\\] ?(.*)/[^/]+");

  private final VsphereClient vc;
  private final PrintStream out;

  public Upgrader(VsphereClient vc, PrintStream out) {
    this.vc = vc;
    this.out = out;
  }

  /**
   * Upgrades {@code v} to {@code version}. {@code certs} is asked for only once the upgrade is
   * going to happen (null for a VCH without TLS). Returns the appliance's address.
   */
  public String upgrade(Vch v, String version, Path applianceIso, Path bootstrapIso, Supplier<Certificates> certs,
      Duration timeout, boolean force) {
    String have = v.config().version();
    if (!force && have != null && Versions.compare(have, version) >= 0) {
      throw new VicMachineException(Kind.CONFLICT, "\"" + v.name() + "\" has same or newer version " + have
          + " than installer version " + version + ". No upgrade is available (--force upgrades anyway)");
    }
    requireFile("--appliance-iso", applianceIso);
    requireFile("--bootstrap-iso", bootstrapIso);
    Certificates tls = certs.get();
    Matcher folder = DATASTORE_PATH.matcher(v.config().bootstrapIso() == null ? "" : v.config().bootstrapIso());
    if (!folder.matches()) {
      throw new VicMachineException(Kind.INTERNAL, "Tried to find the datastore folder of VCH " + v.name()
          + " but failed because its bootstrapIso entry is \"" + v.config().bootstrapIso() + "\"");
    }
    String ds = folder.group(1);
    String applianceDs = folder.group(2) + "/appliance-" + version + ".iso";
    String bootstrapDs = folder.group(2) + "/bootstrap-" + version + ".iso";
    String oldIso = vc.vms().cdromIso(v.appliance().ref());
    out.println("Upgrading VCH " + v.name() + " from version " + have + " to " + version);
    String ip = UpdateInProgress.around(vc, v, out, () -> {
      uploadBoth(v, ds, applianceIso, applianceDs, bootstrapIso, bootstrapDs, oldIso);
      VchConfig updated = v.config().upgradedTo(version, DatastoreFiles.path(ds, bootstrapDs));
      Map<String, String> changes = Configurer.changes(v.config().toExtraConfig(), updated.toExtraConfig());
      changes.putAll(VchRollback.clearing(v.appliance().extraConfig()));
      changes.putAll(new VchRollback(have, oldIso, version, Instant.now().truncatedTo(ChronoUnit.SECONDS), v.config())
          .toExtraConfig());
      return new ApplianceSwitch(vc, out, tls, timeout).run(v, DatastoreFiles.path(ds, applianceDs), changes,
          "upgrade VCH " + v.name() + " to version " + version, "version " + have, () -> {
            // the files of the failed version go; the ones the VCH boots again stay
            remove(v, ds, applianceDs, oldIso);
            remove(v, ds, bootstrapDs, v.config().bootstrapIso());
          });
    });
    out.println("VCH " + v.name() + " is at version " + version + "; upgrade --rollback returns it to version " + have);
    out.println("Completed successfully");
    return ip;
  }

  /** Returns {@code v} to the version, boot ISO and configuration its last upgrade recorded; returns its address. */
  public String rollback(Vch v, Certificates certs, Duration timeout) {
    VchRollback previous = VchRollback.fromExtraConfig(v.appliance().extraConfig());
    if (previous == null || previous.config() == null || previous.applianceIso() == null) {
      throw new VicMachineException(Kind.NOT_FOUND, "VCH " + v.name() + " has no record of an earlier version to roll"
          + " back to: it was not upgraded by vic-machine, or it was rolled back already");
    }
    out.println("Rolling back VCH " + v.name() + " from version " + v.config().version() + " to " + previous.version());
    Map<String, String> changes = Configurer.changes(v.config().toExtraConfig(), previous.config().toExtraConfig());
    changes.putAll(VchRollback.clearing(v.appliance().extraConfig()));
    String ip = UpdateInProgress.around(vc, v, out, () -> new ApplianceSwitch(vc, out, certs, timeout).run(v,
        previous.applianceIso(), changes, "roll VCH " + v.name() + " back to version " + previous.version(),
        "version " + v.config().version(), () -> {}));
    out.println("VCH " + v.name() + " is at version " + previous.version());
    out.println("Completed successfully");
    return ip;
  }

  private static void requireFile(String flag, Path file) {
    if (!Files.isRegularFile(file)) {
      throw new VicMachineException(Kind.NOT_FOUND, flag + ": " + file + " not found");
    }
  }

  /** Both ISOs, or neither: a failed second upload removes the first. */
  private void uploadBoth(Vch v, String ds, Path appliance, String applianceDs, Path bootstrap, String bootstrapDs,
      String oldIso) {
    upload(v, ds, appliance, applianceDs);
    try {
      upload(v, ds, bootstrap, bootstrapDs);
    } catch (RuntimeException e) {
      remove(v, ds, applianceDs, oldIso);
      throw e;
    }
  }

  private void upload(Vch v, String ds, Path file, String dsPath) {
    out.println("Uploading " + file.getFileName() + " to " + DatastoreFiles.path(ds, dsPath));
    vc.files().upload(v.datacenter(), ds, dsPath, file);
  }

  private void remove(Vch v, String ds, String dsPath, String keep) {
    if (DatastoreFiles.path(ds, dsPath).equals(keep)) {
      return;
    }
    vc.files().deleteIfExists(v.datacenter(), ds, dsPath);
    out.println("Removed " + DatastoreFiles.path(ds, dsPath));
  }
}
