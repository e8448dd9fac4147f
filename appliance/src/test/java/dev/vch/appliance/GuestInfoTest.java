package dev.vch.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GuestInfoTest {
    @TempDir
    Path dir;

    @Test
    void readsTheBootFileWithEscapes() throws Exception {
        Path f = dir.resolve("guestinfo");
        Files.writeString(f, "guestinfo.a=x%0Ay\nguestinfo.b=100%25\nguestinfo.c=\n");
        var env = new ApplianceEnv(null, f, "127.0.0.2", dir, null);
        assertThat(new GuestInfo(env).all()).containsOnly(Map.entry("guestinfo.a", "x\ny"),
                Map.entry("guestinfo.b", "100%"), Map.entry("guestinfo.c", ""));
    }

    @Test
    void listsKeysOverTheLiveChannel() throws Exception {
        try (ServerSocket ss = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> {
                try (Socket s = ss.accept()) {
                    var in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                    OutputStream out = s.getOutputStream();
                    if (in.readLine().equals("list guestinfo.")) {
                        out.write("ok 2\nguestinfo.vice./name=vch%0A1\nguestinfo.x=y\n".getBytes(StandardCharsets.UTF_8));
                    } else {
                        out.write("err unexpected\n".getBytes(StandardCharsets.UTF_8));
                    }
                    out.flush();
                } catch (Exception ignored) {
                    // the test fails on the client side
                }
            });
            var env = new ApplianceEnv("127.0.0.1:" + ss.getLocalPort(), null, "127.0.0.2", dir, null);
            assertThat(new GuestInfo(env).all()).containsEntry("guestinfo.vice./name", "vch\n1")
                    .containsEntry("guestinfo.x", "y").hasSize(2);
            server.join();
        }
    }

    @Test
    void withoutAChannelItSaysTheBackdoorIsNotImplemented() {
        var env = ApplianceEnv.from(Map.of("VSPHERE_VM_DIR", dir.toString()));
        assertThatThrownBy(() -> new GuestInfo(env).all()).isInstanceOf(ApplianceException.class)
                .hasMessageContaining("VMware backdoor").extracting(e -> ((ApplianceException) e).kind())
                .isEqualTo(ApplianceException.Kind.NOT_IMPLEMENTED);
    }

    @Test
    void mainExitsWithAClearErrorForMissingOrForeignConfiguration() throws Exception {
        var err = new java.io.ByteArrayOutputStream();
        int code = Main.run(Map.of("VSPHERE_VM_DIR", dir.toString()), new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(4);
        assertThat(err.toString()).contains("not implemented");

        Path f = dir.resolve("other");
        Files.writeString(f, "guestinfo.something=else\n");
        err.reset();
        code = Main.run(Map.of("VSPHERE_GUESTINFO_FILE", f.toString(), "VSPHERE_VM_DIR", dir.toString()),
                new java.io.PrintStream(err, true));
        assertThat(code).isEqualTo(2);
        assertThat(err.toString()).contains("holds no VCH configuration");
    }

    @Test
    void imageStoreUrls() {
        assertThat(ImageStoreUrl.parse("ds://[datastore1]/vch1")).containsExactly("datastore1", "vch1");
        assertThatThrownBy(() -> ImageStoreUrl.parse("/x")).hasMessageContaining("ds://[datastore]/path");
    }
}
