package dev.vch.vsphere.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.vsphere.api.vch.VchConfig;
import dev.vch.vsphere.api.vch.VchConfigTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The client against the embedded endpoint in both models (VMs as inventory only). */
class VsphereClientSimIT {

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"esx", "vc"})
  void inventoryPoolsFilesAndVmsWithTheVchConfigRoundTrip(String model) throws Exception {
    try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(dir.resolve(model)).withModel(model)
        .withCredentials("root", "pw").withRunVms(false));
        VsphereClient vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "root", "pw", sim.thumbprint()))) {
      assertThat(vc.about().isVcenter()).isEqualTo(model.equals("vc"));
      assertThat(vc.serverThumbprint()).isEqualTo(sim.thumbprint());
      Datacenter dc = vc.inventory().datacenter(null);
      List<String> paths = vc.inventory().computeResourcePaths(dc);
      ComputeResource cr = vc.inventory().computeResource(dc, paths.get(0));
      assertThat(cr.cluster()).isEqualTo(model.equals("vc"));
      assertThat(vc.inventory().hosts(cr)).hasSize(model.equals("vc") ? 2 : 1);
      assertThatThrownBy(() -> vc.inventory().computeResource(dc, "nowhere"))
          .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.NOT_FOUND));
      Datastore ds = vc.inventory().datastores(dc).get(0);
      Network pub = vc.inventory().network(dc, "VM Network");
      assertThat(vc.licenses()).anyMatch(l -> l.features().contains("serialuri"));

      MoRef pool = vc.pools().createPool(cr.pool(), "p1", -1, -1);
      assertThat(vc.inventory().computeResource(dc, cr.path() + "/p1").pool()).isEqualTo(pool);
      assertThat(vc.inventory().paths(List.of(pool)).get(pool)).isEqualTo("/" + dc.name() + "/host/" + cr.path()
          + "/Resources/p1");

      vc.files().mkdir(dc, ds.name(), "p1");
      Path iso = Files.writeString(dir.resolve("x.iso"), "iso bytes");
      vc.files().upload(dc, ds.name(), "p1/x.iso", iso);
      assertThat(vc.files().exists(dc, ds.name(), "p1/x.iso")).isTrue();

      VchConfig config = VchConfigTest.sample();
      MoRef vm = vc.vms().create(dc.vmFolder(), pool, new VmSpec("p1", null, 1, 512, ds.name(),
          List.of(DatastoreFiles.path(ds.name(), "p1/x.iso")), List.of(pub.ref()), List.of("tcp://127.0.0.1:2377"), 0,
          config.toExtraConfig(), "a VCH"));
      VmInfo info = vc.vms().info(vm);
      assertThat(info.name()).isEqualTo("p1");
      assertThat(info.resourcePool()).isEqualTo(pool);
      assertThat(VchConfig.isVch(info.extraConfig())).isTrue();
      assertThat(VchConfig.fromExtraConfig(info.extraConfig())).isEqualTo(config);

      Map<String, String> change = new HashMap<>();
      change.put("guestinfo.vice./common/id", vm.value());
      change.put("guestinfo.vice./syslogAddress", "");
      vc.vms().setExtraConfig(vm, change);
      VmInfo after = vc.vms().info(vm);
      assertThat(after.extraConfig()).containsEntry("guestinfo.vice./common/id", vm.value())
          .doesNotContainKey("guestinfo.vice./syslogAddress");
      assertThat(vc.vms().below(cr.rootPool())).extracting(VmInfo::ref).contains(vm);
      assertThat(vc.vms().in(pool)).extracting(VmInfo::ref).containsExactly(vm);
      VmListing listing = vc.vms().listing(dc);
      assertThat(listing.vms()).extracting(VmInfo::ref).contains(vm);
      assertThat(listing.poolPaths()).containsEntry(pool, "/" + dc.name() + "/host/" + cr.path() + "/Resources/p1");

      vc.vms().powerOn(vm);
      assertThat(vc.vms().info(vm).poweredOn()).isTrue();
      vc.vms().powerOff(vm);
      vc.vms().destroy(vm);
      assertThatThrownBy(() -> vc.vms().info(vm)).isInstanceOf(VsphereException.class);
      vc.files().deleteIfExists(dc, ds.name(), "p1");
      assertThat(vc.files().exists(dc, ds.name(), "p1/x.iso")).isFalse();
      vc.vms().destroy(pool);
      assertThat(vc.inventory().children(cr.pool(), "resourcePool")).doesNotContainKey("p1");

      Host h = vc.inventory().hosts(cr).get(0);
      vc.hosts().addPortgroup(h, vc.hosts().virtualSwitches(h).get(0), "pg1", 0);
      assertThat(vc.inventory().networks(dc)).extracting(Network::name).contains("pg1");
      vc.hosts().removePortgroup(h, "pg1");
      assertThat(vc.hosts().portgroups(h)).doesNotContain("pg1");
      vc.hosts().setRuleset(h, "vic-engine", true);
      assertThat(vc.hosts().rulesets(h)).contains(new FirewallRuleset("vic-engine", "VIC Engine", true));
    }
  }

  @org.junit.jupiter.api.Test
  void aChildDiskIsCreatedWithTheVmAndPowerStatesArePushedByThePropertyCollector() throws Exception {
    try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(dir).withModel("esx").withRunVms(false));
        VsphereClient vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "user", "pass", sim.thumbprint()))) {
      Datacenter dc = vc.inventory().datacenter(null);
      ComputeResource cr = vc.inventory().computeResource(dc, vc.inventory().computeResourcePaths(dc).get(0));
      Datastore ds = vc.inventory().datastores(dc).get(0);
      Path parent = dir.resolve("parent.vmdk");
      Process img = new ProcessBuilder("qemu-img", "create", "-q", "-f", "vmdk", parent.toString(), "16M")
          .redirectErrorStream(true).start();
      assertThat(img.waitFor()).isZero();
      vc.files().mkdir(dc, ds.name(), "images/l1");
      vc.files().upload(dc, ds.name(), "images/l1/l1.vmdk", parent);
      MoRef pool = vc.pools().createPool(cr.pool(), "vch", -1, -1);

      java.util.concurrent.BlockingQueue<String> seen = new java.util.concurrent.LinkedBlockingQueue<>();
      MoRef vm;
      try (VmPowerWatch watch = vc.vms().watchPower(pool, new VmPowerWatch.Listener() {
        @Override
        public void powerState(MoRef v, boolean poweredOn) {
          seen.add(v.value() + (poweredOn ? " on" : " off"));
        }

        @Override
        public void gone(MoRef v) {
          seen.add(v.value() + " gone");
        }
      })) {
        vm = vc.vms().create(dc.vmFolder(), pool, new VmSpec("c1", null, 1, 64, ds.name(), List.of(), List.of(),
            List.of(), 32, Map.of(), null, "[" + ds.name() + "] images/l1/l1.vmdk"));
        assertThat(next(seen)).isEqualTo(vm.value() + " off");
        vc.vms().powerOn(vm);
        assertThat(next(seen)).isEqualTo(vm.value() + " on");
        vc.vms().powerOff(vm);
        assertThat(next(seen)).isEqualTo(vm.value() + " off");

        Path child = dir.resolve("datastores").resolve(ds.name()).resolve("c1/c1.vmdk");
        Process info = new ProcessBuilder("qemu-img", "info", child.toString()).redirectErrorStream(true).start();
        String out = new String(info.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(info.waitFor()).isZero();
        assertThat(out).contains("backing file: ../images/l1/l1.vmdk").contains("virtual size: 32 MiB");

        vc.vms().destroy(vm);
        assertThat(next(seen)).isEqualTo(vm.value() + " gone");
        assertThat(Files.exists(child)).isFalse();
        assertThat(Files.exists(child.resolveSibling("../images/l1/l1.vmdk").normalize())).isTrue();
      }
      assertThat(seen).isEmpty();
    }
  }

  private static String next(java.util.concurrent.BlockingQueue<String> q) throws InterruptedException {
    String s = q.poll(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(s).as("a property-collector update within 10 s").isNotNull();
    return s;
  }
}
