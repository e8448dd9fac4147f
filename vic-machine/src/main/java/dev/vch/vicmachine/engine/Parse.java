package dev.vch.vicmachine.engine;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Strict parsers for flag values. Every error names the flag and the expected form, e.g.
 * {@code --memory: expected a size such as 2048, 512MB or 2GB (got "lots")}.
 */
public final class Parse {

  private static final Pattern SIZE = Pattern.compile("(\\d{1,9})\\s*(|M|MB|MiB|G|GB|GiB)", Pattern.CASE_INSENSITIVE);
  private static final Pattern OCTET = Pattern.compile("25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d");
  private static final Pattern DURATION_PART = Pattern.compile("(\\d+)(ms|s|m|h)");
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,39}");
  private static final Pattern HOST_PORT = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:\\d{1,5})?");

  private Parse() {}

  private static VicMachineException bad(String flag, String expected, String got) {
    return VicMachineException.invalid(flag + ": expected " + expected + " (got \"" + got + "\")");
  }

  /** A size in MB: a bare number is MB; units MB/MiB/M and GB/GiB/G (binary). */
  public static long sizeMb(String flag, String text) {
    String expected = "a size such as 2048, 512MB or 2GB";
    if (text == null) {
      throw bad(flag, expected, "");
    }
    Matcher m = SIZE.matcher(text.trim());
    if (!m.matches()) {
      throw bad(flag, expected, text);
    }
    long n = Long.parseLong(m.group(1));
    String unit = m.group(2).toUpperCase(Locale.ROOT);
    long mb = unit.startsWith("G") ? n * 1024 : n;
    if (mb <= 0) {
      throw bad(flag, "a positive size such as 2048, 512MB or 2GB", text);
    }
    return mb;
  }

  public static int count(String flag, String text, int min, int max) {
    try {
      int n = Integer.parseInt(text.trim());
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException | NullPointerException e) {
      // reported below
    }
    throw bad(flag, "a whole number from " + min + " to " + max, text);
  }

  /** An IPv4 address in dotted decimal, no leading zeros. */
  public static String ipv4(String flag, String text) {
    String[] parts = text == null ? new String[0] : text.trim().split("\\.", -1);
    if (parts.length != 4) {
      throw bad(flag, "an IPv4 address such as 10.0.0.1", text);
    }
    for (String p : parts) {
      if (!OCTET.matcher(p).matches()) {
        throw bad(flag, "an IPv4 address such as 10.0.0.1", text);
      }
    }
    return text.trim();
  }

  /** An IPv4 network in CIDR form whose host bits are zero, prefix 1-30. */
  public static String cidr(String flag, String text) {
    String expected = "an IPv4 network in CIDR form such as 172.16.0.0/12";
    if (text == null || text.chars().filter(c -> c == '/').count() != 1) {
      throw bad(flag, expected, text);
    }
    String[] parts = text.trim().split("/");
    String ip;
    try {
      ip = ipv4(flag, parts[0]);
    } catch (VicMachineException e) {
      throw bad(flag, expected, text);
    }
    if (!parts[1].matches("[1-9]|[12]\\d|30")) {
      throw bad(flag, expected + " with a prefix length from 1 to 30", text);
    }
    int prefix = Integer.parseInt(parts[1]);
    long addr = 0;
    for (String o : ip.split("\\.")) {
      addr = (addr << 8) | Integer.parseInt(o);
    }
    long hostMask = (1L << (32 - prefix)) - 1;
    if ((addr & hostMask) != 0) {
      throw bad(flag, expected + " whose host bits are zero", text);
    }
    return ip + "/" + prefix;
  }

  /** A duration such as 3m, 90s, 1h30m or 500ms. */
  public static Duration duration(String flag, String text) {
    String expected = "a duration such as 3m, 90s or 1h30m";
    if (text == null || text.isBlank()) {
      throw bad(flag, expected, text);
    }
    Matcher m = DURATION_PART.matcher(text.trim());
    Duration d = Duration.ZERO;
    int end = 0;
    while (m.find()) {
      if (m.start() != end) {
        throw bad(flag, expected, text);
      }
      long n = Long.parseLong(m.group(1));
      d = d.plus(switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        default -> Duration.ofHours(n);
      });
      end = m.end();
    }
    if (end != text.trim().length() || d.isZero()) {
      throw bad(flag, expected, text);
    }
    return d;
  }

  /** A VCH name: letters, digits, '.', '_' and '-', starting with a letter or digit, at most 40 characters. */
  public static String name(String flag, String text) {
    if (text == null || !NAME.matcher(text).matches()) {
      throw bad(flag, "1-40 letters, digits, '.', '_' or '-', starting with a letter or digit", text);
    }
    return text;
  }

  /** {@code host} or {@code host:port}. */
  public static String hostPort(String flag, String text) {
    if (text == null || !HOST_PORT.matcher(text.trim()).matches()) {
      throw bad(flag, "host or host:port", text);
    }
    return text.trim();
  }

  /** A registry for a whitelist: {@code host}, {@code host:port} or an IPv4 CIDR. */
  public static String registry(String flag, String text) {
    String t = text == null ? "" : text.trim();
    if (t.matches("(\\d{1,3}\\.){3}\\d{1,3}/([0-9]|[12]\\d|3[0-2])")) {
      try {
        ipv4(flag, t.substring(0, t.indexOf('/')));
        return t;
      } catch (VicMachineException e) {
        throw bad(flag, "host, host:port or an IPv4 CIDR such as 10.0.0.0/8", text);
      }
    }
    if (!HOST_PORT.matcher(t).matches()) {
      throw bad(flag, "host, host:port or an IPv4 CIDR such as 10.0.0.0/8", text);
    }
    return t;
  }

  /** {@code tcp://host:port} or {@code udp://host:port}. */
  public static String syslog(String flag, String text) {
    String expected = "tcp://host:port or udp://host:port";
    try {
      URI u = new URI(text.trim());
      if (("tcp".equals(u.getScheme()) || "udp".equals(u.getScheme())) && u.getHost() != null && u.getPort() > 0
          && (u.getPath() == null || u.getPath().isEmpty())) {
        return u.toString();
      }
    } catch (URISyntaxException | NullPointerException e) {
      // reported below
    }
    throw bad(flag, expected, text);
  }
}
