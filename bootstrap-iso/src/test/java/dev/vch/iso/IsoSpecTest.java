package dev.vch.iso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IsoSpecTest {

    @Test
    void theBootstrapSpecLoads() throws Exception {
        IsoSpec spec = IsoSpec.load(Path.of("src/main/iso/bootstrap.yml"));
        assertThat(spec.iso()).isEqualTo("bootstrap.iso");
        assertThat(spec.kernel().package_()).isEqualTo("linux-image-cloud-amd64");
        assertThat(spec.kernel().modules()).contains("vmw_pvscsi", "virtio_console", "qemu_fw_cfg");
        assertThat(spec.app().jvmOptions()).contains("-Xint");
        assertThat(spec.init()).isEqualTo("/init");
        assertThat(spec.initArgs()).containsExactly("/.tether/jre/bin/java", "@/.tether/java.args");
        assertThat(spec.cdrom().isoPath()).isEqualTo("tether");
        assertThat(spec.kernel().initModules()).contains("ata_piix", "isofs");
        assertThat(spec.initEnv()).containsEntry("LD_LIBRARY_PATH", "/.tether/jre/lib");
    }

    @Test
    void unknownKeysAreRefused(@TempDir Path dir) throws Exception {
        Path f = Files.writeString(dir.resolve("x.yml"), "iso: x.iso\nkernel: {package: k}\ninit: /init\nkernal: typo\n");
        assertThatThrownBy(() -> IsoSpec.load(f)).hasMessageContaining("kernal");
    }
}
