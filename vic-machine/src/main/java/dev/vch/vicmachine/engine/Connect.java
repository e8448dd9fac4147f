package dev.vch.vicmachine.engine;

import dev.vch.vsphere.api.VsphereClient;
import java.time.Duration;

/** Opens the vSphere session for a command. */
public final class Connect {

  private Connect() {}

  public static VsphereClient to(Target target) {
    return VsphereClient.connect(target.toVsphere(), Duration.ofMinutes(10));
  }
}
