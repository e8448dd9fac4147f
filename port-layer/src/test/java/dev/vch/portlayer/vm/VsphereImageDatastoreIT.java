package dev.vch.portlayer.vm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.ImageStore;
import dev.vch.portlayer.image.busybox.BusyboxImage;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereTarget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The image store on a datastore of the embedded endpoint, reached only through the vSphere API. */
class VsphereImageDatastoreIT {

    @TempDir
    Path tmp;

    @Test
    void loadsListsSurvivesARestartAndRemovesThroughTheVsphereApi() throws Exception {
        String id = BusyboxImage.write(Path.of("/bin/busybox"), tmp.resolve("busybox.tar"));
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(tmp.resolve("sim"))
                .withCredentials("root", "pw").withRunVms(false));
             VsphereClient vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), "root", "pw", sim.thumbprint()))) {
            Datacenter dc = vc.inventory().datacenter(null);
            String dsName = vc.inventory().datastores(dc).get(0).name();
            VsphereImageDatastore ds = new VsphereImageDatastore(vc, dc, dsName);

            ds.mkdir("vch1/VIC/s");
            ds.mkdir("vch1/VIC/s"); // already there: fine
            ds.putBytes("vch1/VIC/s/probe", "x".getBytes(StandardCharsets.UTF_8));
            assertThat(ds.exists("vch1/VIC/s/probe")).isTrue();
            assertThat(ds.list("vch1/VIC/s")).containsExactly("probe");
            ds.delete("vch1/VIC/s/probe");
            assertThatThrownBy(() -> ds.getBytes("vch1/VIC/s/probe")).isInstanceOfSatisfying(PortLayerException.class,
                    e -> assertThat(e.kind()).isEqualTo(PortLayerException.Kind.NOT_FOUND));
            assertThatThrownBy(() -> ds.delete("")).isInstanceOf(PortLayerException.class);

            ImageStore store = new ImageStore(ds, "vch1/VIC/s", tmp.resolve("work"), 64L * 1024 * 1024).start();
            assertThat(store.loadIfMissing(tmp.resolve("busybox.tar"), "busybox:latest")).isTrue();
            String disk = store.diskOf("busybox");
            assertThat(disk).startsWith("[" + dsName + "] vch1/VIC/s/images/");

            // a new appliance (empty work directory) rebuilds the index from the datastore alone
            ImageStore again = new ImageStore(ds, "vch1/VIC/s", tmp.resolve("work2"), 64L * 1024 * 1024).start();
            assertThat(again.inspect("busybox").id()).isEqualTo(id);
            assertThat(again.diskOf("busybox")).isEqualTo(disk);
            // the embedded endpoint keeps a datastore in <state>/datastores/<name>
            Path vmdk = tmp.resolve("sim/datastores/" + dsName).resolve(disk.substring(disk.indexOf("] ") + 2));
            assertThat(vmdk).exists();

            again.remove("busybox:latest", false, false);
            assertThat(again.list(new dev.vch.portlayer.api.ImageFilter(true, null, null, null))).isEmpty();
            assertThat(Files.exists(vmdk)).isFalse();
        }
    }
}
