package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Stock vijava 5.1 (its own class path, forked JVM) logs in and uses the endpoint. */
class Vijava51IT {
    @TempDir
    Path state;

    @Test
    void stockVijava51WorksUnchanged() throws Exception {
        String libs = System.getProperty("vijava51.dir");
        assertThat(libs).as("vijava51.dir system property (set by the pom)").isNotNull();
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withRunVms(false))) {
            Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                    Path.of(Vijava51Main.class.getProtectionDomain().getCodeSource().getLocation().toURI()) + File.pathSeparator + libs + File.separator + "*",
                    Vijava51Main.class.getName(), sim.sdkUrl().toString())).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
            assertThat(out).as(out).contains("InvalidLogin as expected").contains("vm vijava51-vm poweredOff 1").endsWith("OK\n");
            assertThat(p.exitValue()).isZero();
        }
    }
}
