package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.VsphereClient;
import java.io.PrintStream;
import java.util.Map;
import java.util.function.Supplier;

/**
 * VIC's {@code UpdateInProgress} extraConfig flag on the appliance: set while upgrade, rollback or
 * configure works on a VCH, so a second one refuses and ls shows "Upgrade in progress". A run that
 * died leaves it set; {@code upgrade --reset-progress} clears it.
 */
public final class UpdateInProgress {

  /** The key VIC uses (not under guestinfo: the appliance has no business with it). */
  public static final String KEY = "UpdateInProgress";

  private UpdateInProgress() {}

  public static boolean isSet(Map<String, String> extraConfig) {
    return Boolean.parseBoolean(extraConfig.get(KEY));
  }

  /** Runs {@code work} with the flag set, clearing it afterwards; CONFLICT when another run holds it. */
  static <T> T around(VsphereClient vc, Vch v, PrintStream out, Supplier<T> work) {
    if (isSet(v.appliance().extraConfig())) {
      throw new VicMachineException(Kind.CONFLICT, "another upgrade/configure operation is in progress on VCH "
          + v.name() + "; if no other upgrade/configure process is running, use upgrade --reset-progress to reset"
          + " the VCH upgrade/configure status");
    }
    vc.vms().setExtraConfig(v.appliance().ref(), Map.of(KEY, "true"));
    try {
      return work.get();
    } finally {
      try {
        vc.vms().setExtraConfig(v.appliance().ref(), Map.of(KEY, "false"));
      } catch (RuntimeException e) {
        out.println("WARN: failed to reset the UpdateInProgress flag of VCH " + v.name() + " (" + e.getMessage()
            + "); run upgrade --reset-progress");
      }
    }
  }

  /** {@code upgrade --reset-progress}. */
  public static void reset(VsphereClient vc, Vch v, PrintStream out) {
    vc.vms().setExtraConfig(v.appliance().ref(), Map.of(KEY, "false"));
    out.println("Reset UpdateInProgress flag successfully");
  }
}
