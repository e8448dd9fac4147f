package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Path;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PortgroupSwitchTest {

    @TempDir
    Path state;

    private static DatagramChannel endpoint() throws Exception {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        ch.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        return ch;
    }

    private static ByteBuffer frame(String dst, String src, String payload) {
        HexFormat hex = HexFormat.ofDelimiter(":");
        ByteBuffer b = ByteBuffer.allocate(64);
        b.put(hex.parseHex(dst)).put(hex.parseHex(src)).putShort((short) 0x88b5).put(payload.getBytes());
        return b.flip();
    }

    private static String receive(DatagramChannel ch) throws Exception {
        ByteBuffer b = ByteBuffer.allocate(2048);
        ch.receive(b); // blocking: the test fails by timeout if nothing comes
        b.flip();
        return new String(b.array(), 14, b.limit() - 14);
    }

    private static InetSocketAddress addr(DatagramChannel ch) throws Exception {
        return (InetSocketAddress) ch.getLocalAddress();
    }

    @Test
    void floodsBroadcastLearnsUnicastAndDropsStrangers() throws Exception {
        try (Switches switches = new Switches(state);
             DatagramChannel a = endpoint(); DatagramChannel b = endpoint(); DatagramChannel c = endpoint();
             DatagramChannel stranger = endpoint()) {
            PortgroupSwitch sw = switches.open("bridge", 0);
            InetSocketAddress swAddr = new InetSocketAddress(InetAddress.getLoopbackAddress(), sw.port());
            sw.attach(addr(a));
            sw.attach(addr(b));
            sw.attach(addr(c));

            a.send(frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:0a", "hello all"), swAddr);
            assertThat(receive(b)).isEqualTo("hello all");
            assertThat(receive(c)).isEqualTo("hello all");

            // b answers a unicast: a's MAC was learned, so only a gets it
            b.send(frame("02:00:00:00:00:0a", "02:00:00:00:00:0b", "to a"), swAddr);
            assertThat(receive(a)).isEqualTo("to a");
            c.send(frame("02:00:00:00:00:0b", "02:00:00:00:00:0c", "to b"), swAddr);
            assertThat(receive(b)).isEqualTo("to b");
            // c's next receive must be the next broadcast, proving it saw neither unicast
            stranger.send(frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:ee", "intruder"), swAddr);
            a.send(frame("ff:ff:ff:ff:ff:ff", "02:00:00:00:00:0a", "second"), swAddr);
            assertThat(receive(c)).isEqualTo("second");
            assertThat(sw.dropped()).isGreaterThanOrEqualTo(1);

            sw.detach(addr(c));
            assertThat(sw.memberCount()).isEqualTo(2);
        }
    }

    @Test
    void portgroupsAreSeparateSwitchesAndKeepTheirPortsAcrossRestarts() throws Exception {
        int bridge;
        try (Switches switches = new Switches(state)) {
            bridge = switches.open("bridge", 0).port();
            assertThat(switches.open("public", 0).port()).isNotEqualTo(bridge);
            assertThat(switches.open("bridge", 0).port()).isEqualTo(bridge);
        }
        try (Switches again = new Switches(state)) {
            assertThat(again.open("bridge", 0).port()).isEqualTo(bridge);
        }
    }
}
