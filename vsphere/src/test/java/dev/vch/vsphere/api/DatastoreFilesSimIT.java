package dev.vch.vsphere.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Datastore files through the public API only: what the image store needs of a datastore. */
class DatastoreFilesSimIT {

  @TempDir Path dir;

  @Test
  void writesReadsListsMovesAndDeletes() throws Exception {
    try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(dir.resolve("sim"))
        .withCredentials("root", "pw").withRunVms(false));
        VsphereClient vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "root", "pw", sim.thumbprint()))) {
      Datacenter dc = vc.inventory().datacenter(null);
      String ds = vc.inventory().datastores(dc).get(0).name();
      DatastoreFiles files = vc.files();

      assertThat(files.list(dc, ds, "store")).isEmpty();
      files.mkdir(dc, ds, "store/images/a");
      files.write(dc, ds, "store/images/a/image.json", "{\"v\":1}".getBytes(StandardCharsets.UTF_8));
      files.write(dc, ds, "store/images/a/image.json", "{\"v\":2}".getBytes(StandardCharsets.UTF_8));
      assertThat(new String(files.read(dc, ds, "store/images/a/image.json"), StandardCharsets.UTF_8))
          .isEqualTo("{\"v\":2}");
      // the write went through a temporary name that is gone again
      assertThat(files.list(dc, ds, "store/images/a")).containsExactly("image.json");

      byte[] big = new byte[3 << 20];
      new java.util.Random(7).nextBytes(big);
      Path local = Files.write(dir.resolve("layer.vmdk"), big);
      files.upload(dc, ds, "store/images/a/a.vmdk", local);
      files.mkdir(dc, ds, "store/images/b");
      assertThat(files.list(dc, ds, "store/images")).containsExactlyInAnyOrder("a", "b");
      files.download(dc, ds, "store/images/a/a.vmdk", dir.resolve("back.vmdk"));
      assertThat(Files.readAllBytes(dir.resolve("back.vmdk"))).isEqualTo(big);

      files.move(dc, ds, "store/images/a/a.vmdk", "store/images/b/b.vmdk");
      assertThat(files.list(dc, ds, "store/images/b")).containsExactly("b.vmdk");
      assertThatThrownBy(() -> files.read(dc, ds, "store/images/a/a.vmdk"))
          .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.NOT_FOUND));

      files.delete(dc, ds, "store/images");
      assertThat(files.list(dc, ds, "store")).isEmpty();
      assertThat(files.deleteIfExists(dc, ds, "store/images")).isFalse();
      assertThatThrownBy(() -> files.list(dc, "no-such-ds", "x"))
          .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(VsphereException.Kind.NOT_FOUND));
    }
  }
}
