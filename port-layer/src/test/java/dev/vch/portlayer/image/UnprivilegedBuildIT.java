package dev.vch.portlayer.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.portlayer.image.disk.Tool;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The image store needs no privileges: a layer with foreign owners, setuid bits and links
 * is built by a JVM running as nobody (uid 65534; when the tests already run unprivileged,
 * as the current user), and the filesystem still carries the tar's owners and modes.
 */
class UnprivilegedBuildIT {

    @TempDir
    Path tmp;

    @Test
    void buildsExactOwnersWithoutRoot() throws Exception {
        Path shared = Files.createDirectories(Path.of("/tmp").resolve("vch-unpriv-" + ProcessHandle.current().pid()));
        try {
            List<String> cp = new ArrayList<>();
            int n = 0;
            for (Path src : codeSources()) {
                Path dst = shared.resolve("cp" + (n++) + (Files.isDirectory(src) ? "" : ".jar"));
                Tool.run(null, List.of("cp", "-r", src.toString(), dst.toString()));
                cp.add(dst.toString());
            }
            Path work = Files.createDirectories(shared.resolve("work"));
            Tool.run(null, List.of("chmod", "-R", "a+rX", shared.toString()));
            List<String> cmd = new ArrayList<>();
            boolean root = "0".equals(Tool.run(null, List.of("id", "-u")).stdout().strip());
            if (root) {
                Tool.run(null, List.of("chown", "65534:65534", work.toString()));
                cmd.addAll(List.of("setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"));
            }
            cmd.addAll(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--enable-native-access=ALL-UNNAMED", "-cp", String.join(":", cp),
                    UnprivilegedLoad.class.getName(), work.toString()));
            Tool.Result r = Tool.run(null, cmd);
            Path disk = Path.of(r.stdout().strip().lines().reduce((a, b) -> b).orElseThrow());
            if (root) {
                assertThat(Files.getOwner(disk).getName()).isIn("nobody", "65534");
            }

            Ext4Reader fs = Ext4Reader.ofVmdk(disk, tmp);
            fs.fsck();
            assertThat(fs.stat("/home/app")).satisfies(s -> {
                assertThat(s.uid()).isEqualTo(1000);
                assertThat(s.gid()).isEqualTo(1000);
                assertThat(s.mode()).isEqualTo(0750);
            });
            assertThat(fs.stat("/home/app/secret").uid()).isEqualTo(1000);
            assertThat(fs.stat("/bin/su")).satisfies(s -> {
                assertThat(s.uid()).isZero();
                assertThat(s.mode()).isEqualTo(04755);
            });
            assertThat(fs.stat("/bin/sh").inode()).isEqualTo(fs.stat("/bin/busybox").inode());
            assertThat(fs.readlink("/bin/ls")).isEqualTo("busybox");
            assertThat(fs.stat("/").uid()).isZero();
        } finally {
            Tool.run(null, List.of("rm", "-rf", shared.toString()));
        }
    }

    /** Where the child's classes come from: this module's classes and the libraries it uses. */
    private static Set<Path> codeSources() throws IOException {
        Set<Path> out = new LinkedHashSet<>();
        for (Class<?> c : List.of(ImageStore.class, UnprivilegedLoad.class, TarArchiveEntry.class, ObjectMapper.class,
                com.fasterxml.jackson.core.JsonParser.class, com.fasterxml.jackson.annotation.JsonProperty.class,
                org.slf4j.LoggerFactory.class, org.apache.commons.io.IOUtils.class,
                org.apache.commons.lang3.StringUtils.class)) {
            try {
                out.add(Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI()));
            } catch (java.net.URISyntaxException e) {
                throw new IOException(e);
            }
        }
        return out;
    }
}
