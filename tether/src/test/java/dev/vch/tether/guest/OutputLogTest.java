package dev.vch.tether.guest;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class OutputLogTest {

    @Test
    void keepsTheNewestOutputInOrderWithinItsLimit() {
        OutputLog log = new OutputLog(10);
        log.append(1, "abcd".getBytes(), 0, 4);
        log.append(2, "efgh".getBytes(), 0, 4);
        log.append(1, "xyz".getBytes(), 1, 2);
        assertThat(log.snapshot()).extracting(c -> c.stream() + ":" + new String(c.bytes())).containsExactly("1:abcd", "2:efgh", "1:yz");
        log.append(1, "1234".getBytes(), 0, 4);
        assertThat(log.snapshot()).extracting(c -> new String(c.bytes())).containsExactly("efgh", "yz", "1234");
        assertThat(log.dropped()).isEqualTo(4);
    }
}
