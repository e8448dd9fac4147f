package dev.vch.portlayer.image;

import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.image.busybox.BusyboxImage;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The bundled busybox image: deterministic, loadable, and the filesystem a shell needs. */
class BusyboxImageTest {

    @TempDir
    Path tmp;

    @Test
    void buildsTheSameImageTwiceAndLoadsIt() throws Exception {
        Path busybox = Path.of("/bin/busybox");
        String id1 = BusyboxImage.write(busybox, tmp.resolve("a/busybox.tar"));
        String id2 = BusyboxImage.write(busybox, tmp.resolve("b/busybox.tar"));
        assertThat(id1).isEqualTo(id2);
        assertThat(Files.readAllBytes(tmp.resolve("a/busybox.tar"))).isEqualTo(
                Files.readAllBytes(tmp.resolve("b/busybox.tar")));

        LocalDirDatastore ds = new LocalDirDatastore(tmp.resolve("ds"), "datastore1");
        ImageStore store = new ImageStore(ds, "vch/VIC/s", tmp.resolve("work"), 64L * 1024 * 1024).start();
        assertThat(store.loadIfMissing(tmp.resolve("a/busybox.tar"), "busybox:latest")).isTrue();
        assertThat(store.loadIfMissing(tmp.resolve("a/busybox.tar"), "busybox:latest")).isFalse();
        Image img = store.inspect("busybox");
        assertThat(img.id()).isEqualTo(id1);
        assertThat(img.config().cmd()).containsExactly("sh");
        assertThat(img.config().env()).singleElement().asString().startsWith("PATH=");

        String top = ChainIds.hex(store.record("busybox").topChainId());
        Ext4Reader fs = Ext4Reader.ofVmdk(ds.resolve("vch/VIC/s/images/" + top + "/" + top + ".vmdk"), tmp);
        fs.fsck();
        assertThat(fs.stat("/bin/sh").inode()).isEqualTo(fs.stat("/bin/busybox").inode());
        assertThat(fs.stat("/bin/busybox").links()).isGreaterThan(100);
        assertThat(fs.stat("/bin/busybox").size()).isEqualTo(Files.size(busybox));
        assertThat(fs.cat("/etc/passwd")).startsWith("root:x:0:0:").contains("nobody:x:65534:65534:");
        assertThat(fs.stat("/tmp").mode()).isEqualTo(01777);
        assertThat(fs.stat("/root").mode()).isEqualTo(0700);
    }
}
