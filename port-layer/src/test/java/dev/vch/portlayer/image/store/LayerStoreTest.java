package dev.vch.portlayer.image.store;

import dev.vch.portlayer.image.Ext4Reader;
import dev.vch.portlayer.image.TarBuilder;
import dev.vch.portlayer.image.layer.LayerApplier.DevicePolicy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LayerStoreTest {

    static final long BASE = 64L * 1024 * 1024;

    @TempDir
    Path tmp;
    LocalDirDatastore ds;
    LayerStore store;

    @BeforeEach
    void setUp() {
        ds = new LocalDirDatastore(tmp.resolve("ds"), "datastore1");
        store = new LayerStore(ds, "vch/VIC/store1", tmp.resolve("work"), BASE);
        store.start();
    }

    Ext4Reader read(LayerRecord top) {
        String hex = ChainIds.hex(top.chainId());
        return Ext4Reader.ofVmdk(ds.resolve(store.disk(hex)), tmp);
    }

    @Test
    void keepsOwnersModesTimesLinksAndXattrs() {
        byte[] layer = new TarBuilder()
                .dir("bin", 0755, 0, 0)
                .file("bin/su", "#!su", 04755, 0, 0)
                .file("bin/wall", "wall", 02755, 0, 5)
                .dir("tmp", 01777, 0, 0)
                .dir("home/user", 0700, 1000, 1000)
                .file("home/user/.profile", "export A=1\n", 0600, 1000, 1000)
                .file("bin/ping", "ping".getBytes(), 0755, 0, 0,
                        Map.of("SCHILY.xattr.security.capability", "caps"))
                .symlink("bin/sh", "/bin/busybox")
                .file("bin/busybox", "BB", 0755, 0, 0)
                .hardlink("bin/ls", "bin/busybox")
                .hardlink("bin/cat", "bin/busybox")
                .fifo("run.fifo")
                .file("with \"quote\" and space", "q")
                .file("back\\slash-ünïcødé", "u")
                .hardlink("bin/sh.link", "bin/sh")
                .build();
        LayerRecord r;
        try (LayerBuilder b = store.builder("")) {
            r = b.add(new ByteArrayInputStream(layer), null, DevicePolicy.REJECT);
        }
        assertThat(r.diffId()).isEqualTo(ChainIds.sha256(layer));
        assertThat(r.chainId()).isEqualTo(r.diffId());
        assertThat(r.size()).isEqualTo(4 + 4 + 11 + 4 + 2 + 1 + 1);

        Ext4Reader fs = read(r);
        fs.fsck();
        assertThat(fs.label()).isEqualTo("containerfs");
        assertThat(fs.stat("/bin/su")).satisfies(s -> {
            assertThat(s.mode()).isEqualTo(04755);
            assertThat(s.mtime()).isEqualTo(TarBuilder.MTIME);
        });
        assertThat(fs.stat("/bin/wall")).satisfies(s -> {
            assertThat(s.mode()).isEqualTo(02755);
            assertThat(s.gid()).isEqualTo(5);
        });
        assertThat(fs.stat("/tmp").mode()).isEqualTo(01777);
        assertThat(fs.stat("/home/user")).satisfies(s -> {
            assertThat(s.uid()).isEqualTo(1000);
            assertThat(s.mode()).isEqualTo(0700);
        });
        assertThat(fs.stat("/home").mode()).isEqualTo(0755);
        assertThat(fs.cat("/home/user/.profile")).isEqualTo("export A=1\n");
        assertThat(fs.readlink("/bin/sh")).isEqualTo("/bin/busybox");
        assertThat(fs.stat("/bin/ls").inode()).isEqualTo(fs.stat("/bin/busybox").inode());
        assertThat(fs.stat("/bin/busybox").links()).isEqualTo(3);
        assertThat(fs.stat("/run.fifo").type()).isEqualTo("FIFO");
        assertThat(fs.cat("/with \"\"quote\"\" and space")).isEqualTo("q");
        assertThat(fs.cat("/back\\slash-ünïcødé")).isEqualTo("u");
        assertThat(fs.stat("/bin/sh.link").inode()).isEqualTo(fs.stat("/bin/sh").inode());
        assertThat(fs.stat("/bin/sh").links()).isEqualTo(2);
        assertThat(fs.debugfs("ea_list /bin/ping")).contains("security.capability").contains("caps");
    }

    @Test
    void appliesWhiteoutsOpaqueDirectoriesAndReplacementsAsAChildDisk() {
        byte[] lower = new TarBuilder()
                .file("etc/keep", "k")
                .file("etc/gone", "g")
                .file("opq/old/deep", "d")
                .file("opq/old2", "d")
                .file("dir-becomes-file/x", "x")
                .file("linked", "L")
                .hardlink("linked2", "linked")
                .build();
        byte[] upper = new TarBuilder()
                .file("etc/.wh.gone", "")
                .dir("opq", 0750, 0, 0)
                .file("opq/.wh..wh..opq", "")
                .file("opq/new", "n")
                .file("dir-becomes-file", "now a file")
                .file(".wh.linked2", "")
                .file("etc/keep", "k2", 0600, 7, 7)
                .build();
        LayerRecord top;
        try (LayerBuilder b = store.builder("")) {
            LayerRecord first = b.add(new ByteArrayInputStream(lower), null, DevicePolicy.REJECT);
            top = b.add(new ByteArrayInputStream(upper), null, DevicePolicy.REJECT);
            assertThat(top.parent()).isEqualTo(first.chainId());
            assertThat(top.chainId()).isEqualTo(ChainIds.next(first.chainId(), top.diffId()));
        }
        Ext4Reader fs = read(top);
        fs.fsck();
        assertThat(fs.stat("/etc/gone")).isNull();
        assertThat(fs.cat("/etc/keep")).isEqualTo("k2");
        assertThat(fs.stat("/etc/keep").uid()).isEqualTo(7);
        assertThat(fs.stat("/opq/old")).isNull();
        assertThat(fs.stat("/opq/old2")).isNull();
        assertThat(fs.cat("/opq/new")).isEqualTo("n");
        assertThat(fs.stat("/opq").mode()).isEqualTo(0750);
        assertThat(fs.cat("/dir-becomes-file")).isEqualTo("now a file");
        assertThat(fs.stat("/linked2")).isNull();
        assertThat(fs.stat("/linked").links()).isEqualTo(1);

        String chain = QemuImgChain.of(ds.resolve(store.disk(ChainIds.hex(top.chainId()))));
        assertThat(chain).contains("backing file: ../" + ChainIds.hex(top.parent()) + "/")
                .contains("backing file: ../scratch/scratch.vmdk");
    }
}
