package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestInfoServerTest {

    @TempDir
    Path dir;

    @Test
    void tcpServerSpeaksTheLineProtocolAndSurvivesAnOverlongLine() throws Exception {
        MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.a", "1"));
        try (GuestInfoServer server = GuestInfoServer.tcp("vm-1", 0, store);
             Socket s = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            OutputStream out = s.getOutputStream();
            BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
            out.write("get guestinfo.a\nset guestinfo.b hello%0Aworld\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("ok 1");
            assertThat(in.readLine()).isEqualTo("ok");
            assertThat(store.entries).containsEntry("guestinfo.b", "hello\nworld");

            byte[] huge = new byte[(1 << 20) + 10];
            Arrays.fill(huge, (byte) 'x');
            out.write(huge);
            out.write("\nget guestinfo.b\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("err request line over 1 MiB");
            assertThat(in.readLine()).isEqualTo("ok hello%0Aworld");
        }
    }

    @Test
    void unixServerCanBeReplacedAtTheSamePathAsAfterARestart() throws Exception {
        Path sock = dir.resolve("gi.sock");
        MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.a", "first"));
        GuestInfoServer.unix("vm-1", sock, store).close();
        // a stale socket file must not stop the next server
        java.nio.file.Files.createFile(dir.resolve("stale.sock"));
        try (GuestInfoServer server = GuestInfoServer.unix("vm-1", dir.resolve("stale.sock"), store);
             SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            ch.connect(UnixDomainSocketAddress.of(dir.resolve("stale.sock")));
            OutputStream out = Channels.newOutputStream(ch);
            BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(ch), StandardCharsets.UTF_8));
            out.write("list guestinfo.\n".getBytes(StandardCharsets.UTF_8));
            assertThat(in.readLine()).isEqualTo("ok 1");
            assertThat(in.readLine()).isEqualTo("guestinfo.a=first");
        }
    }
}
