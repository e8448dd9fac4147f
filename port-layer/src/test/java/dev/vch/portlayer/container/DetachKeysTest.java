package dev.vch.portlayer.container;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DetachKeysTest {
    private static String text(DetachKeys.Filtered f) {
        return new String(f.forward(), StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultSequenceDetachesAndIsNotForwarded() {
        DetachKeys keys = DetachKeys.parse(null);
        DetachKeys.Filtered f = keys.filter("ls\u0010".getBytes(StandardCharsets.UTF_8));
        assertThat(text(f)).isEqualTo("ls");
        assertThat(f.detach()).isFalse();
        DetachKeys.Filtered end = keys.filter(new byte[] {0x11, 'x'});
        assertThat(end.detach()).isTrue();
        assertThat(end.forward()).isEmpty();
    }

    @Test
    void aBrokenSequenceIsOrdinaryInput() {
        DetachKeys keys = DetachKeys.parse("ctrl-p,ctrl-q");
        assertThat(text(keys.filter("a\u0010b".getBytes(StandardCharsets.UTF_8)))).isEqualTo("a\u0010b");
        DetachKeys.Filtered twice = keys.filter(new byte[] {0x10, 0x10, 0x11});
        assertThat(twice.detach()).isTrue();
        assertThat(twice.forward()).containsExactly(0x10);
    }

    @Test
    void customKeysAndDockersErrorForBadOnes() {
        assertThat(DetachKeys.parse("ctrl-x").filter(new byte[] {24}).detach()).isTrue();
        assertThat(DetachKeys.parse("a,ctrl-@,ctrl-_").filter(new byte[] {'a', 0, 31}).detach()).isTrue();
        assertThatThrownBy(() -> DetachKeys.parse("ctrl-1,q")).hasMessage("Invalid detach keys (ctrl-1,q) provided");
    }
}
