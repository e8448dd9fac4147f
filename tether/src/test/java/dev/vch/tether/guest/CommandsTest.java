package dev.vch.tether.guest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandsTest {

    @TempDir
    Path dir;

    @Test
    void looksUpThePathAndReportsLikeDocker() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path tool = Files.writeString(bin.resolve("tool"), "#!/bin/sh\n");
        Files.setPosixFilePermissions(tool, PosixFilePermissions.fromString("rwxr-xr-x"));
        Path plain = Files.writeString(bin.resolve("plain"), "data");
        Files.setPosixFilePermissions(plain, PosixFilePermissions.fromString("rw-r--r--"));
        List<String> env = List.of("PATH=/nonexistent:" + bin);

        assertThat(Commands.resolve("tool", env)).isEqualTo(tool.toString());
        assertThat(Commands.resolve(tool.toString(), env)).isEqualTo(tool.toString());
        assertThatThrownBy(() -> Commands.resolve("nosuch", env)).isInstanceOf(StartFailure.class)
                .hasMessage("exec: \"nosuch\": executable file not found in $PATH")
                .satisfies(e -> assertThat(((StartFailure) e).exitCode()).isEqualTo(127));
        assertThatThrownBy(() -> Commands.resolve("plain", env))
                .hasMessage("exec: \"plain\": permission denied")
                .satisfies(e -> assertThat(((StartFailure) e).exitCode()).isEqualTo(126));
        assertThatThrownBy(() -> Commands.resolve(dir + "/missing", env))
                .hasMessage("exec: \"" + dir + "/missing\": stat " + dir + "/missing: no such file or directory");
        assertThatThrownBy(() -> Commands.resolve(bin.toString(), env)).hasMessageContaining("is a directory");
        assertThat(Commands.pathOf(List.of("A=b"))).isEqualTo(Commands.DEFAULT_PATH);
    }
}
