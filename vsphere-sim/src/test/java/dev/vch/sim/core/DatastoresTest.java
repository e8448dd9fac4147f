package dev.vch.sim.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.sim.vim.VimFault;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatastoresTest {
    @TempDir
    Path state;
    Sim sim;

    @BeforeEach
    void start() {
        sim = new Sim(new SimSettings("esx", "u", "p", state, false));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void parsesDatastorePaths() {
        assertThat(Datastores.parse("[datastore1] a/b.vmdk")).isEqualTo(new Datastores.DsPath("datastore1", "a/b.vmdk"));
        assertThat(Datastores.parse("[datastore1]")).isEqualTo(new Datastores.DsPath("datastore1", ""));
        assertThatThrownBy(() -> Datastores.parse("datastore1/a")).isInstanceOf(VimFault.class);
    }

    @Test
    void resolvesInsideTheDatastoreOnly() throws Exception {
        Path root = state.resolve("datastores/datastore1").toAbsolutePath();
        assertThat(sim.datastores().resolve("[datastore1] a/b.vmdk")).isEqualTo(root.resolve("a/b.vmdk"));
        for (String bad : new String[] {"[datastore1] ../../etc", "[datastore1] a/../../x", "[nosuch] a", "[datastore1] /etc/passwd/../../.."}) {
            assertThatThrownBy(() -> sim.datastores().resolve(bad)).as(bad).isInstanceOf(VimFault.class)
                    .extracting(e -> ((VimFault) e).faultType()).isEqualTo("InvalidDatastorePath");
        }
        Files.createSymbolicLink(root.resolve("escape"), state);
        assertThatThrownBy(() -> sim.datastores().resolve("[datastore1] escape/inventory")).isInstanceOf(VimFault.class);
    }
}
