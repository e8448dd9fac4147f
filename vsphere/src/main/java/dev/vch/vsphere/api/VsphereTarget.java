package dev.vch.vsphere.api;

import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Where and how to connect: the SDK URL ({@code https://host/sdk}), credentials, and the
 * server certificate's SHA-1 thumbprint to pin (null: verify against the JVM's trust store).
 */
public record VsphereTarget(URI sdkUrl, String user, String password, String thumbprint,
    Duration connectTimeout, Duration readTimeout) {

  private static final Pattern THUMBPRINT = Pattern.compile("([0-9A-F]{2}:){19}[0-9A-F]{2}");

  public VsphereTarget {
    if (sdkUrl == null || sdkUrl.getHost() == null) {
      throw new VsphereException(VsphereException.Kind.INVALID, "target URL needs a host: " + sdkUrl);
    }
    if (user == null || user.isEmpty()) {
      throw new VsphereException(VsphereException.Kind.INVALID, "a user name is required");
    }
    if (password == null) {
      throw new VsphereException(VsphereException.Kind.INVALID, "a password is required");
    }
    if (thumbprint != null) {
      thumbprint = normalizeThumbprint(thumbprint);
    }
    connectTimeout = connectTimeout == null ? Duration.ofSeconds(30) : connectTimeout;
    readTimeout = readTimeout == null ? Duration.ofMinutes(5) : readTimeout;
  }

  public VsphereTarget(URI sdkUrl, String user, String password, String thumbprint) {
    this(sdkUrl, user, password, thumbprint, null, null);
  }

  /** Upper-case, colon-separated SHA-1 hex; throws INVALID for anything else. */
  public static String normalizeThumbprint(String thumbprint) {
    String t = thumbprint.trim().toUpperCase(Locale.ROOT);
    if (!t.contains(":") && t.length() == 40) {
      t = t.replaceAll("(..)(?!$)", "$1:");
    }
    if (!THUMBPRINT.matcher(t).matches()) {
      throw new VsphereException(VsphereException.Kind.INVALID,
          "thumbprint must be a SHA-1 fingerprint: 20 hex pairs separated by ':' (got '" + thumbprint + "')");
    }
    return t;
  }

  @Override
  public String toString() {
    // never print the password
    return "VsphereTarget[" + sdkUrl + ", user=" + user + ", thumbprint=" + thumbprint + "]";
  }
}
