package dev.vch.vicmachine.engine;

/** Version comparison and the upgrade status VIC prints in {@code ls} and {@code inspect}. */
public final class Versions {

  private Versions() {}

  /** Compares dotted versions part by part, numerically where both parts are numbers ({@code 0.10 > 0.9}). */
  public static int compare(String a, String b) {
    String[] x = a.split("[.-]");
    String[] y = b.split("[.-]");
    for (int i = 0; i < Math.min(x.length, y.length); i++) {
      int c = x[i].matches("\\d{1,9}") && y[i].matches("\\d{1,9}")
          ? Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i])) : x[i].compareTo(y[i]);
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(x.length, y.length);
  }

  /** "Up to date", "Upgrade in progress", "Upgradeable to V", "VCH has newer version" or "Unknown", as VIC's ls. */
  public static String upgradeStatus(String vchVersion, String installerVersion, boolean inProgress) {
    if (inProgress && !installerVersion.equals(vchVersion)) {
      return "Upgrade in progress";
    }
    if (vchVersion == null) {
      return "Unknown";
    }
    int c = compare(vchVersion, installerVersion);
    return c == 0 ? "Up to date" : c < 0 ? "Upgradeable to " + installerVersion : "VCH has newer version";
  }
}
