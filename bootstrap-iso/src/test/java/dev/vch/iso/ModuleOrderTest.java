package dev.vch.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModuleOrderTest {

    @TempDir
    Path dir;

    void ko(String path, String depends) throws Exception {
        Path p = dir.resolve(path);
        Files.createDirectories(p.getParent());
        // what matters of a .ko here: its .modinfo strings, NUL separated
        Files.write(p, ("\u007fELF junk\0license=GPL\0depends=" + depends + "\0vermagic=6.1\0").getBytes(StandardCharsets.ISO_8859_1));
    }

    @Test
    void ordersDependenciesFirstOnce() throws Exception {
        ko("kernel/drivers/virtio/virtio_ring.ko", "");
        ko("kernel/drivers/virtio/virtio.ko", "virtio_ring");
        ko("kernel/drivers/virtio/virtio_pci.ko", "virtio_ring,virtio");
        ko("kernel/drivers/char/virtio_console.ko", "virtio,virtio_ring");
        ko("kernel/drivers/scsi/scsi_common.ko", "");
        ko("kernel/drivers/scsi/scsi_mod.ko", "scsi_common");
        ko("kernel/drivers/scsi/sd_mod.ko", "scsi_mod");
        List<Path> order = ModuleOrder.resolve(dir, List.of("virtio_pci", "virtio-console", "sd_mod"));
        assertThat(order).extracting(p -> p.getFileName().toString()).containsExactly(
                "virtio_ring.ko", "virtio.ko", "virtio_pci.ko", "virtio_console.ko", "scsi_common.ko", "scsi_mod.ko", "sd_mod.ko");
    }

    @Test
    void missingModuleIsAClearError() throws Exception {
        ko("kernel/a.ko", "b");
        assertThatThrownBy(() -> ModuleOrder.resolve(dir, List.of("a"))).hasMessageContaining("has no b.ko");
    }
}
