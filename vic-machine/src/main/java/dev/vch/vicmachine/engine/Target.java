package dev.vch.vicmachine.engine;

import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereTarget;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;

/**
 * The parsed {@code --target}: {@code [https://][user[:password]@]host[:port][/datacenter]} (or
 * {@code .../sdk}), with {@code --user}, {@code --password} and {@code VIC_PASSWORD} filling in
 * what the URL leaves out (flags win over the URL, the URL over the environment).
 */
public record Target(URI sdkUrl, String datacenter, String user, String password, String thumbprint) {

  public static Target parse(String target, String user, String password, String thumbprint, Map<String, String> env) {
    if (target == null || target.isBlank()) {
      throw VicMachineException.invalid(
          "--target: required: the vCenter or ESXi address, such as https://vc.example.com/dc1 or 10.0.0.1");
    }
    String t = target.trim().contains("://") ? target.trim() : "https://" + target.trim();
    URI u;
    try {
      u = new URI(t);
    } catch (URISyntaxException e) {
      throw VicMachineException.invalid("--target: expected an address such as https://user@host/datacenter (got \""
          + target + "\")");
    }
    if (!("https".equals(u.getScheme()) || "http".equals(u.getScheme())) || u.getHost() == null) {
      throw VicMachineException.invalid("--target: expected an address such as https://user@host/datacenter (got \""
          + target + "\")");
    }
    String urlUser = null;
    String urlPassword = null;
    if (u.getRawUserInfo() != null) {
      String[] up = u.getRawUserInfo().split(":", 2);
      urlUser = decode(up[0]);
      urlPassword = up.length > 1 ? decode(up[1]) : null;
    }
    String path = u.getPath() == null ? "" : u.getPath().replaceAll("^/+|/+$", "");
    String dc = path.isEmpty() || path.equals("sdk") ? null : decode(path.split("/")[0]);
    String finalUser = firstNonBlank(user, urlUser);
    String finalPassword = password != null ? password : urlPassword != null ? urlPassword : env.get("VIC_PASSWORD");
    if (finalUser == null) {
      throw VicMachineException.invalid("--user: required (or give it in --target as https://user@host)");
    }
    if (finalPassword == null) {
      throw VicMachineException.invalid("--password: required (or set VIC_PASSWORD, or give it in --target)");
    }
    String tp = null;
    if (thumbprint != null && !thumbprint.isBlank()) {
      try {
        tp = VsphereTarget.normalizeThumbprint(thumbprint);
      } catch (VsphereException e) {
        throw VicMachineException.invalid("--thumbprint: expected a SHA-1 fingerprint, 20 hex pairs separated by ':'"
            + " (got \"" + thumbprint + "\")");
      }
    }
    URI sdk = URI.create(u.getScheme() + "://" + hostPort(u) + "/sdk");
    return new Target(sdk, dc, finalUser, finalPassword, tp);
  }

  private static String hostPort(URI u) {
    String host = u.getHost().contains(":") && !u.getHost().startsWith("[") ? "[" + u.getHost() + "]" : u.getHost();
    return u.getPort() > 0 ? host + ":" + u.getPort() : host;
  }

  private static String decode(String s) {
    return URLDecoder.decode(s, StandardCharsets.UTF_8);
  }

  private static String firstNonBlank(String a, String b) {
    return a != null && !a.isBlank() ? a : b != null && !b.isBlank() ? b : null;
  }

  public VsphereTarget toVsphere() {
    return new VsphereTarget(sdkUrl, user, password, thumbprint, Duration.ofSeconds(30), Duration.ofMinutes(5));
  }

  /** The host name or address, as shown in messages. */
  public String host() {
    return sdkUrl.getHost();
  }

  @Override
  public String toString() {
    return "Target[" + sdkUrl + ", datacenter=" + datacenter + ", user=" + user + "]";
  }
}
