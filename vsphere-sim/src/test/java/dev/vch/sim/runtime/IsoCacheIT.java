package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ISO cache against real xorriso-made ISOs. */
class IsoCacheIT {

    @TempDir
    Path dir;

    private Path iso(String name, Map<String, String> files) throws Exception {
        Path root = Files.createDirectories(dir.resolve(name + "-root"));
        for (var e : files.entrySet()) {
            Path f = root.resolve(e.getKey());
            Files.createDirectories(f.getParent());
            Files.writeString(f, e.getValue());
        }
        Path iso = dir.resolve(name + ".iso");
        TestGuestImages.run(dir, List.of("xorriso", "-as", "mkisofs", "-quiet", "-R", "-V", "T", "-o", iso.toString(), root.toString()));
        return iso;
    }

    @Test
    void directBootPrefersThePvhKernelAndJoinsInitrds() throws Exception {
        Path iso = iso("direct", Map.of(
                "isolinux/isolinux.cfg", "DEFAULT x\nLABEL x\n KERNEL /boot/vmlinuz\n INITRD /boot/a.cpio,b.cpio\n APPEND quiet\n",
                "boot/vmlinuz", "compressed", "boot/vmlinuz.pvh", "pvh", "boot/a.cpio", "AAA", "isolinux/b.cpio", "BBB"));
        IsoCache cache = new IsoCache(dir.resolve("cache"));
        IsoCache.DirectBoot boot = (IsoCache.DirectBoot) cache.inspect(iso);
        assertThat(Files.readString(boot.kernel())).isEqualTo("pvh");
        assertThat(boot.initrds()).hasSize(1);
        assertThat(Files.readString(boot.initrds().getFirst())).isEqualTo("AAABBB");
        assertThat(boot.append()).isEqualTo("quiet");
        assertThat(cache.inspect(iso)).isSameAs(boot);
        // a new cache over the same directory finds the extraction done; a touched ISO is a new entry
        assertThat(new IsoCache(dir.resolve("cache")).inspect(iso)).isEqualTo(boot);
        Files.setLastModifiedTime(iso, FileTime.fromMillis(Files.getLastModifiedTime(iso).toMillis() + 5000));
        assertThat(((IsoCache.DirectBoot) cache.inspect(iso)).kernel()).isNotEqualTo(boot.kernel());
    }

    @Test
    void hostProcessIsoIsExtractedWhole() throws Exception {
        Path iso = iso("hp", Map.of("host-process.properties", "exec=app/run.sh\n", "app/run.sh", "echo hi\n", "app/lib/x.jar", "jar"));
        IsoCache.HostProcess hp = (IsoCache.HostProcess) new IsoCache(dir.resolve("cache")).inspect(iso);
        assertThat(hp.exec()).isEqualTo("app/run.sh");
        assertThat(Files.readString(hp.root().resolve("app/run.sh"))).isEqualTo("echo hi\n");
        assertThat(hp.root().resolve("app/lib/x.jar")).exists();
    }

    @Test
    void plainIsosBootThroughBiosAndBadOnesAreRefused() throws Exception {
        IsoCache cache = new IsoCache(dir.resolve("cache"));
        assertThat(cache.inspect(iso("plain", Map.of("readme.txt", "hi")))).isInstanceOf(IsoCache.BiosBoot.class);
        Path escape = iso("escape", Map.of("host-process.properties", "exec=../../bin/sh\n"));
        assertThatThrownBy(() -> cache.inspect(escape)).isInstanceOf(VmRuntimeException.class).hasMessageContaining("exec=");
        Path missingKernel = iso("nokernel", Map.of("isolinux/isolinux.cfg", "DEFAULT /vmlinuz\n"));
        assertThatThrownBy(() -> cache.inspect(missingKernel)).hasMessageContaining("does not have");
        Path junk = dir.resolve("junk.iso");
        Files.writeString(junk, "not an iso");
        assertThatThrownBy(() -> cache.inspect(junk)).isInstanceOf(IOException.class).hasMessageContaining("not an ISO 9660 image");
        assertThatThrownBy(() -> cache.inspect(dir.resolve("absent.iso"))).isInstanceOf(IOException.class);
    }
}
