package dev.vch.vicmachine.it;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.vicmachine.cli.Context;
import dev.vch.vicmachine.cli.Main;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.Host;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereTarget;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** One embedded endpoint and a way to run vic-machine against it in-process. */
final class SimHarness implements AutoCloseable {

  static final String USER = "root";
  static final String PASSWORD = "s3cret";

  final String model;
  final VsphereSimulator sim;
  final Path work;

  SimHarness(String model, Path work) throws Exception {
    this.model = model;
    this.work = work;
    this.sim = VsphereSimulator.start(SimulatorConfig.defaults(work.resolve("state")).withModel(model)
        .withCredentials(USER, PASSWORD));
  }

  record Run(int code, String out, String err) {
    @Override
    public String toString() {
      return "exit " + code + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  String target() {
    return sim.sdkUrl().toString();
  }

  /** The compute resource create uses: the cluster on vc, the host on esx. */
  String computeResource() {
    return model.equals("vc") ? "DC0_C0" : "localhost.localdomain";
  }

  /** vic-machine {@code sub} with target, credentials and thumbprint. */
  Run vic(String sub, String... args) {
    List<String> all = new ArrayList<>(List.of(sub.split(" ")));
    all.addAll(List.of("--target", target(), "--user", USER, "--password", PASSWORD, "--thumbprint", sim.thumbprint()));
    all.addAll(List.of(args));
    return raw(all.toArray(new String[0]));
  }

  Run raw(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code = Main.run(new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work), args);
    return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  VsphereClient client() {
    return VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), USER, PASSWORD, sim.thumbprint()));
  }

  /** What a VCH named {@code name} would have left behind: pools, VMs, folders, portgroups. */
  List<String> leftovers(String name) {
    List<String> found = new ArrayList<>();
    try (VsphereClient vc = client()) {
      Datacenter dc = vc.inventory().datacenter(null);
      ComputeResource cr = vc.inventory().computeResource(dc, computeResource());
      if (vc.inventory().children(cr.pool(), "resourcePool").containsKey(name)) {
        found.add("pool " + name);
      }
      if (vc.inventory().children(dc.vmFolder(), "childEntity").containsKey(name)) {
        found.add("folder entry " + name);
      }
      vc.vms().below(cr.rootPool()).stream().filter(v -> v.name().equals(name)).forEach(v -> found.add("VM " + name));
      String ds = vc.inventory().datastores(dc).get(0).name();
      for (String f : List.of("bootstrap.iso", "appliance.iso")) {
        if (vc.files().exists(dc, ds, name + "/" + f)) {
          found.add("file " + name + "/" + f);
        }
      }
      for (Host h : vc.inventory().hosts(cr)) {
        if (vc.hosts().portgroups(h).contains(name + "-bridge")) {
          found.add("portgroup on " + h.name());
        }
      }
    }
    return found;
  }

  @Override
  public void close() {
    sim.close();
  }
}
