package dev.vch.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Log server credentials checked by a real vSphere login against the embedded endpoint. */
class VsphereLoginIT {

    @TempDir
    Path dir;

    @Test
    void acceptsWhatVsphereAcceptsAndRemembersItForAWhile() throws Exception {
        AtomicReference<Instant> now = new AtomicReference<>(Instant.parse("2026-01-01T00:00:00Z"));
        Clock clock = new Clock() {
            @Override
            public ZoneOffset getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(java.time.ZoneId zone) {
                return this;
            }

            @Override
            public Instant instant() {
                return now.get();
            }
        };
        VsphereLogin login;
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(dir).withCredentials("root", "pw")
                .withRunVms(false))) {
            login = new VsphereLogin(sim.sdkUrl(), sim.thumbprint(), clock);
            assertThat(login.accepts("root", "pw")).isTrue();
            assertThat(login.accepts("root", "nope")).isFalse();
            assertThat(login.accepts("someone", "pw")).isFalse();
        }
        // vSphere is gone: remembered credentials still pass until they expire, then the check fails loudly
        assertThat(login.accepts("root", "pw")).isTrue();
        now.set(now.get().plus(VsphereLogin.REMEMBER).plus(Duration.ofSeconds(1)));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> login.accepts("root", "pw"))
                .isInstanceOf(ApplianceException.class).hasMessageContaining("Tried to check log server credentials");
    }
}
