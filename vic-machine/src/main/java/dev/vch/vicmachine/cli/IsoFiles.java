package dev.vch.vicmachine.cli;

import java.nio.file.Path;

/** Where create and upgrade find the ISOs: the flag, else the environment variable, else the ISO directory. */
final class IsoFiles {

  private IsoFiles() {}

  static Path appliance(Context context, String flag) {
    return iso(context, flag, "VIC_APPLIANCE_ISO", "appliance.iso");
  }

  static Path bootstrap(Context context, String flag) {
    return iso(context, flag, "VIC_BOOTSTRAP_ISO", "bootstrap.iso");
  }

  private static Path iso(Context context, String flag, String envName, String file) {
    String v = flag != null ? flag : context.env().get(envName);
    if (v != null) {
      return Path.of(v).toAbsolutePath();
    }
    String dir = context.env().get("VIC_ISO_DIR");
    return (dir != null ? Path.of(dir) : context.workingDir()).resolve(file);
  }
}
