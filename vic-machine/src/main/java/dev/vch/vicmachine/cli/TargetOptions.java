package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.Target;
import java.util.Map;
import picocli.CommandLine.Option;

/** --target, --user, --password, --thumbprint: shared by every command that talks to vSphere. */
public final class TargetOptions {

  @Option(names = {"--target", "-t"}, paramLabel = "URL",
      description = "vCenter or ESXi: [https://][user[:password]@]host[:port][/datacenter] (env VIC_TARGET)")
  String target;

  @Option(names = {"--user", "-u"}, paramLabel = "USER", description = "user name (may be in --target)")
  String user;

  @Option(names = {"--password", "-p"}, paramLabel = "PASSWORD",
      description = "password (may be in --target, or env VIC_PASSWORD)")
  String password;

  @Option(names = "--thumbprint", paramLabel = "SHA1",
      description = "SHA-1 thumbprint of the target's certificate to trust (env VIC_THUMBPRINT)")
  String thumbprint;

  public Target resolve(Map<String, String> env) {
    String t = target != null ? target : env.get("VIC_TARGET");
    String tp = thumbprint != null ? thumbprint : env.get("VIC_THUMBPRINT");
    return Target.parse(t, user, password, tp, env);
  }
}
