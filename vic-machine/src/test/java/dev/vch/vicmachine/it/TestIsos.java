package dev.vch.vicmachine.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.TimeUnit;

/** Small ISOs for the simulator's host-process runtime, made with xorriso. */
final class TestIsos {

  private TestIsos() {}

  /** An "appliance" whose run.sh runs {@link FakeAppliance} with this JVM and class path. */
  static Path fakeAppliance(Path dir) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // FakeAppliance needs nothing but the JDK and its own class
    String cp = Path.of(FakeAppliance.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    return iso(dir, "appliance.iso", "exec '" + java + "' -cp '" + cp + "' " + FakeAppliance.class.getName()
        + " >>'" + log(dir) + "' 2>&1\n");
  }

  /** Where the stand-in appliances write their output (shown when a test fails). */
  static Path log(Path dir) {
    return dir.resolve("fake-appliance.log");
  }

  /** The stand-in appliances' output so far. */
  static String logText(Path dir) {
    try {
      return Files.exists(log(dir)) ? Files.readString(log(dir)) : "(no output)";
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** An "appliance" that never answers: the create must time out and clean up. */
  static Path silentAppliance(Path dir) throws Exception {
    return iso(dir, "silent.iso", "exec sleep 600\n");
  }

  /** Not an ISO at all; only uploaded, never booted. */
  static Path bootstrap(Path dir) throws IOException {
    Path p = dir.resolve("bootstrap.iso");
    Files.writeString(p, "bootstrap stand-in");
    return p;
  }

  private static Path iso(Path dir, String name, String runSh) throws Exception {
    Path root = Files.createDirectories(dir.resolve(name + ".d"));
    Files.writeString(root.resolve("host-process.properties"), "exec=run.sh\n");
    Path run = root.resolve("run.sh");
    Files.writeString(run, "#!/bin/sh\n" + runSh);
    Files.setPosixFilePermissions(run, PosixFilePermissions.fromString("rwxr-xr-x"));
    Path iso = dir.resolve(name);
    Process p = new ProcessBuilder("xorriso", "-as", "mkisofs", "-quiet", "-R", "-o", iso.toString(), root.toString())
        .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("xorriso failed: " + Files.readString(dir.resolve(name + ".log")));
    }
    return iso;
  }
}
