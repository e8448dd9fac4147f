package dev.vch.vicmachine.cli;

import picocli.CommandLine;

/** The version of vic-machine, which is also the version a VCH it creates reports. */
public final class Version {

  private Version() {}

  public static String current() {
    String v = Version.class.getPackage().getImplementationVersion();
    return v != null ? v : dev.vch.vicmachine.engine.Installer.VERSION;
  }

  /** picocli's --version. */
  public static final class Provider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      return new String[] {"vic-machine " + current()};
    }
  }
}
