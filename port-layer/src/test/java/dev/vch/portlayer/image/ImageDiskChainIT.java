package dev.vch.portlayer.image;

import dev.vch.portlayer.image.disk.QemuImg;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The disks a load produces, checked with the real tools and VIC's default 8 GiB base:
 * one VMDK per layer, each a child of the one below with a relative parent path, holding
 * only its own changes; the chain reads as an ext4 labelled containerfs; a containerVM's
 * disk made as a child of the top (what VirtualDiskManager does) sees the image.
 */
class ImageDiskChainIT {

    @TempDir
    Path tmp;

    @Test
    void layersAreACopyOnWriteChainOfSmallDeltas() throws Exception {
        byte[] big = new byte[3 * 1024 * 1024];
        new Random(7).nextBytes(big);
        byte[] l1 = new TarBuilder().file("bin/tool", big, 0755, 0, 0, java.util.Map.of()).file("etc/a", "1").build();
        byte[] l2 = new TarBuilder().file("etc/b", "2").file("etc/.wh.a", "").build();
        byte[] l3 = new TarBuilder().file("srv/data", "3", 0640, 33, 33).build();
        List<byte[]> layers = List.of(l1, l2, l3);
        Path archive = TestImages.archive(tmp.resolve("in"), TestImages.config(layers, "it"), layers, List.of("it:1"));

        LocalDirDatastore ds = new LocalDirDatastore(tmp.resolve("ds"), "datastore1");
        ImageStore store = new ImageStore(ds, "vch/VIC/s", tmp.resolve("work"), ImageStore.DEFAULT_BASE_SIZE).start();
        try (InputStream in = Files.newInputStream(archive)) {
            store.load(in, null);
        }
        List<String> chain = store.record("it:1").chainIds();
        Path top = disk(ds, chain.getLast());
        String info = QemuImg.backingChain(top);
        assertThat(Pattern.compile("^image: ", Pattern.MULTILINE).matcher(info).results().count()).isEqualTo(4);
        assertThat(info).contains("backing file: ../" + ChainIds.hex(chain.get(1)) + "/" + ChainIds.hex(chain.get(1))
                + ".vmdk").contains("backing file: ../scratch/scratch.vmdk").contains("virtual size: 8 GiB");
        assertThat(Files.readString(top, java.nio.charset.StandardCharsets.ISO_8859_1).substring(0, 2048))
                .contains("parentFileNameHint=\"../" + ChainIds.hex(chain.get(1)));

        // a sparse VMDK of 8 GiB carries ~1.3 MiB of grain tables; past that, only the layer's own grains
        assertThat(Files.size(disk(ds, chain.get(0)))).isBetween(3L * 1024 * 1024, 6L * 1024 * 1024);
        assertThat(Files.size(disk(ds, chain.get(1)))).isLessThan(2L * 1024 * 1024);
        assertThat(Files.size(disk(ds, chain.get(2)))).isLessThan(2L * 1024 * 1024);

        Path containerDisk = tmp.resolve("ds/vch/c1/c1.vmdk");
        Files.createDirectories(containerDisk.getParent());
        String parent = containerDisk.getParent().relativize(top).toString();
        QemuImg.createChild(containerDisk.getParent(), "c1.vmdk", parent);
        Ext4Reader fs = Ext4Reader.ofVmdk(containerDisk, tmp);
        assertThat(fs.label()).isEqualTo("containerfs");
        fs.fsck();
        assertThat(fs.stat("/bin/tool").size()).isEqualTo(big.length);
        assertThat(fs.stat("/etc/a")).isNull();
        assertThat(fs.cat("/etc/b")).isEqualTo("2");
        assertThat(fs.stat("/srv/data")).satisfies(s -> {
            assertThat(s.uid()).isEqualTo(33);
            assertThat(s.mode()).isEqualTo(0640);
        });
        Path dumped = tmp.resolve("tool.out");
        fs.debugfs("dump /bin/tool " + dumped);
        assertThat(Files.readAllBytes(dumped)).isEqualTo(big);
    }

    private static Path disk(LocalDirDatastore ds, String chainId) {
        String hex = ChainIds.hex(chainId);
        return ds.resolve("vch/VIC/s/images/" + hex + "/" + hex + ".vmdk");
    }
}
