package dev.vch.vicmachine.bench;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.vicmachine.cli.Context;
import dev.vch.vicmachine.cli.Main;
import dev.vch.vicmachine.it.VchFixture;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Benchmarks of vic-machine against the embedded endpoint (ESXi model), printed as figures:
 * {@code ls} with N VCHs, and {@code create} until the Docker API answers (with the real
 * appliance.iso when it has been built). Run by vic-machine/bench/run.sh.
 */
public final class VicMachineBench {

  public static void main(String[] args) throws Exception {
    int vchs = args.length > 0 ? Integer.parseInt(args[0]) : 50;
    Path applianceIso = Path.of(args.length > 1 ? args[1] : "appliance/target/appliance.iso");
    Path work = Files.createTempDirectory("vic-machine-bench");
    ls(work.resolve("ls"), vchs);
    create(work.resolve("create"), applianceIso);
  }

  private static void ls(Path work, int vchs) throws Exception {
    try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(work).withModel("esx")
        .withCredentials("root", "pw").withRunVms(false))) {
      Path iso = Files.writeString(Files.createDirectories(work).resolve("iso"), "not booted");
      try (VsphereClient vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "root", "pw", sim.thumbprint()))) {
        for (int i = 0; i < vchs; i++) {
          VchFixture.plant(vc, "localhost.localdomain", "vch" + i, iso, false);
        }
      }
      String[] ls = {"ls", "--target", sim.sdkUrl().toString(), "--user", "root", "--password", "pw", "--thumbprint",
          sim.thumbprint()};
      String first = run(work, ls);
      long listed = first.lines().filter(l -> l.startsWith("vm-")).count();
      if (listed != vchs) {
        throw new IllegalStateException("ls listed " + listed + " VCHs, expected " + vchs + ":\n" + first);
      }
      List<Long> ms = new ArrayList<>();
      for (int i = 0; i < 10; i++) {
        long t0 = System.nanoTime();
        run(work, ls);
        ms.add((System.nanoTime() - t0) / 1_000_000);
      }
      Collections.sort(ms);
      System.out.printf("ls with %d VCHs (login, one traversal, paths, logout; in-process, warm): median %d ms, min %d ms,"
          + " max %d ms over %d runs (target < 1000 ms)%n", vchs, ms.get(ms.size() / 2), ms.get(0), ms.get(ms.size() - 1),
          ms.size());
      Path launcher = Path.of("bin/vic-machine");
      if (Files.isExecutable(launcher)) {
        List<Long> proc = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
          long t0 = System.nanoTime();
          Process p = new ProcessBuilder(concat(new String[] {launcher.toString()}, ls))
              .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD).start();
          if (p.waitFor() != 0) {
            throw new IllegalStateException("bin/vic-machine ls failed with " + p.exitValue());
          }
          proc.add((System.nanoTime() - t0) / 1_000_000);
        }
        proc.remove(0); // the first run may write the class-data archive
        Collections.sort(proc);
        System.out.printf("ls with %d VCHs as a user runs it (bin/vic-machine, a fresh JVM each): median %d ms, min %d ms,"
            + " max %d ms over %d runs%n", vchs, proc.get(proc.size() / 2), proc.get(0), proc.get(proc.size() - 1),
            proc.size());
      }
    }
  }

  private static void create(Path work, Path applianceIso) throws Exception {
    if (!Files.isRegularFile(applianceIso)) {
      System.out.println("create to \"Docker API answers\": skipped: " + applianceIso + " is not built"
          + " (./mvnw -pl appliance package)");
      return;
    }
    try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(work).withModel("esx")
        .withCredentials("root", "pw"))) {
      Path bootstrap = Files.writeString(Files.createDirectories(work).resolve("bootstrap.iso"), "not booted here");
      String[] target = {"--target", sim.sdkUrl().toString(), "--user", "root", "--password", "pw", "--thumbprint",
          sim.thumbprint()};
      run(work, concat(new String[] {"update", "firewall", "--allow"}, target));
      for (int i = 0; i < 2; i++) {
        long t0 = System.nanoTime();
        String out = run(work, concat(new String[] {"create", "--name", "bench" + i, "--appliance-iso",
            applianceIso.toAbsolutePath().toString(), "--bootstrap-iso", bootstrap.toString(), "--tls-cert-path",
            work.resolve("certs" + i).toString(), "--timeout", "2m"}, target));
        long createMs = (System.nanoTime() - t0) / 1_000_000;
        if (!out.contains("Installer completed successfully")) {
          throw new IllegalStateException("create failed:\n" + out);
        }
        t0 = System.nanoTime();
        run(work, concat(new String[] {"delete", "--name", "bench" + i}, target));
        long deleteMs = (System.nanoTime() - t0) / 1_000_000;
        System.out.printf("create to \"Docker API answers\" (real appliance.iso, host-process VM; in-process): %d ms"
            + " (target < 15000 ms); delete: %d ms%n", createMs, deleteMs);
      }
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] all = new String[a.length + b.length];
    System.arraycopy(a, 0, all, 0, a.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static String run(Path work, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work), args);
    if (code != 0) {
      throw new IllegalStateException("vic-machine " + String.join(" ", args) + " failed with " + code + ":\n" + out
          + err);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
