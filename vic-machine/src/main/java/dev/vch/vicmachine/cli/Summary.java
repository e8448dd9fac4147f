package dev.vch.vicmachine.cli;

import java.io.PrintStream;
import java.nio.file.Path;

/** The lines that tell a user how to reach a running VCH (end of create, inspect). */
final class Summary {

  private Summary() {}

  static void print(PrintStream out, String ip, Path certPath, boolean noTls, boolean verifyClients) {
    String port = noTls ? "2375" : "2376";
    out.println("vic-admin portal:");
    out.println("https://" + ip + ":2378");
    out.println("Published ports can be reached at:");
    out.println(ip);
    out.println("Docker environment variables:");
    out.println(dockerEnv(ip, certPath, noTls, verifyClients));
    out.println("Connect to docker:");
    out.println(dockerInfo(ip, certPath, noTls, verifyClients));
  }

  static String dockerEnv(String ip, Path certPath, boolean noTls, boolean verifyClients) {
    if (noTls) {
      return "DOCKER_HOST=" + ip + ":2375";
    }
    if (!verifyClients) {
      return "DOCKER_HOST=" + ip + ":2376";
    }
    return "DOCKER_TLS_VERIFY=1 DOCKER_CERT_PATH=" + certPath + " DOCKER_HOST=" + ip + ":2376";
  }

  static String dockerInfo(String ip, Path certPath, boolean noTls, boolean verifyClients) {
    if (noTls) {
      return "docker -H " + ip + ":2375 info";
    }
    if (!verifyClients) {
      return "docker -H " + ip + ":2376 --tls info";
    }
    return "docker -H " + ip + ":2376 --tlsverify --tlscacert=\"" + certPath.resolve("ca.pem") + "\" --tlscert=\""
        + certPath.resolve("cert.pem") + "\" --tlskey=\"" + certPath.resolve("key.pem") + "\" info";
  }
}
