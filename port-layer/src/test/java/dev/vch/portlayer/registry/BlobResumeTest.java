package dev.vch.portlayer.registry;

import com.sun.net.httpserver.HttpServer;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A connection reset in the middle of a blob: the client resumes with a Range request from
 * the bytes it already has (a server built on the JDK's, because WireMock cannot cut a body
 * short after its headers).
 */
class BlobResumeTest {

    private static final byte[] BLOB = new byte[3 << 20];
    private static final String DIGEST;

    static {
        // the client first probes https on a loopback registry; the JDK server would wait for
        // the TLS hello's request line forever, so it drops unfinished requests after 1 s
        System.setProperty("sun.net.httpserver.maxReqTime", "1");
        System.setProperty("sun.net.httpserver.timerMillis", "100");
        new Random(7).nextBytes(BLOB);
        DIGEST = ChainIds.sha256(BLOB);
    }

    @TempDir
    Path spool;
    private HttpServer server;
    private final List<String> ranges = new CopyOnWriteArrayList<>();
    private volatile boolean honourRange = true;

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/v2/app/blobs/" + DIGEST, ex -> {
            String range = ex.getRequestHeaders().getFirst("Range");
            ranges.add(String.valueOf(range));
            if (range == null) { // first request: promise everything, send a third, hang up
                ex.sendResponseHeaders(200, BLOB.length);
                OutputStream out = ex.getResponseBody();
                out.write(BLOB, 0, BLOB.length / 3);
                out.flush();
                ex.close(); // short of the Content-Length: the JDK server drops the connection
                return;
            }
            int from = Integer.parseInt(range.replaceAll("bytes=(\\d+)-", "$1"));
            if (!honourRange) {
                from = 0;
                ex.sendResponseHeaders(200, BLOB.length);
            } else {
                ex.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + (BLOB.length - 1) + "/"
                        + BLOB.length);
                ex.sendResponseHeaders(206, BLOB.length - from);
            }
            try (OutputStream out = ex.getResponseBody()) {
                out.write(BLOB, from, BLOB.length - from);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private SpooledBlob pull() {
        RegistryClient client = new RegistryClient(RegistryConfig.DEFAULT.withRetries(Duration.ofMillis(1), 3), spool);
        var repo = client.repository(Reference.parse("127.0.0.1:" + server.getAddress().getPort() + "/app"),
                Credentials.ANONYMOUS);
        return repo.blob(new Descriptor("application/vnd.oci.image.layer.v1.tar", DIGEST, BLOB.length, null, null),
                x -> { });
    }

    @Test
    void resumesFromWhereTheConnectionBroke() {
        try (SpooledBlob b = pull()) {
            assertThat(b.file()).hasBinaryContent(BLOB);
        }
        assertThat(ranges).hasSize(2);
        assertThat(ranges.get(0)).isEqualTo("null");
        assertThat(ranges.get(1)).matches("bytes=[1-9]\\d*-");
    }

    @Test
    void startsOverWhenTheRegistryIgnoresTheRange() {
        honourRange = false;
        try (SpooledBlob b = pull()) {
            assertThat(b.file()).hasBinaryContent(BLOB);
        }
        assertThat(ranges).hasSize(2);
    }
}
