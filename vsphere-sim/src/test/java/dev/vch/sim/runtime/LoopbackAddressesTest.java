package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LoopbackAddressesTest {

    @TempDir
    Path locks;

    @Test
    void twoSimulatorsSharingAMachineNeverHandOutTheSameAddress() {
        var first = new LoopbackAddresses(locks);
        var second = new LoopbackAddresses(locks);
        assertThat(first.allocate()).isEqualTo("127.0.0.2");
        assertThat(second.allocate()).isEqualTo("127.0.0.3");
        assertThat(first.allocate()).isEqualTo("127.0.0.4");
        assertThat(second.reserve("127.0.0.2")).isFalse();

        first.release("127.0.0.2");
        assertThat(second.reserve("127.0.0.2")).isTrue();
        assertThat(first.allocate()).isEqualTo("127.0.0.5");
    }

    @Test
    void reservingTwiceOrABadAddressFails() {
        var a = new LoopbackAddresses(locks);
        assertThat(a.reserve("127.0.0.9")).isTrue();
        assertThat(a.reserve("127.0.0.9")).isFalse();
        assertThat(a.reserve("10.0.0.9")).isFalse();
        assertThat(a.reserve("127.0.0.x")).isFalse();
    }
}
