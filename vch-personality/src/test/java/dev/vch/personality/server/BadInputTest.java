package dev.vch.personality.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.DockerApiServer;
import dev.vch.personality.fake.FakePortLayer;
import dev.vch.personality.tls.CertificateFiles;
import dev.vch.personality.tls.CertificateGenerator;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.net.ssl.SSLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A batch of bad requests against one real TLS server, each answered with Docker's status
 * and message or a refused handshake, and then a good request that must still work.
 */
class BadInputTest {
    private static final int MAX_BODY = 64 * 1024;
    private static CertificateFiles.Set certs;
    private static DockerApiServer server;
    private static InetSocketAddress address;
    private static TlsTestClient client;

    @BeforeAll
    static void start() throws Exception {
        certs = CertificateFiles.generate(new CertificateGenerator(), "bad-input", List.of());
        var config = DockerApiConfig.tls("127.0.0.1", 0, certs.serverTls(), "bad-input").withMaxBodyBytes(MAX_BODY);
        server = DockerApiServer.start(config, FakePortLayer.create("bad-input"));
        address = server.address();
        client = new TlsTestClient(certs.ca().certificate(), certs.client());
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static String send(String method, String path, String body) throws IOException {
        return client.exchange(address, TlsTestClient.http(method, path, body));
    }

    @Test
    void batchOfBadRequestsThenAGoodOne() throws Exception {
        String malformed = send("POST", "/v1.45/containers/create", "{\"Image\": \"busybox\", ");
        assertThat(malformed).startsWith("HTTP/1.1 400 ").contains("{\"message\":\"invalid JSON:");

        String wrongType = send("POST", "/v1.45/containers/create", "{\"Image\": 5}");
        assertThat(wrongType).startsWith("HTTP/1.1 400 ")
                .contains("json: cannot unmarshal number into field Image of type string");

        String wrongNested = send("POST", "/v1.45/containers/create",
                "{\"Image\":\"busybox\",\"HostConfig\":{\"Memory\":\"lots\"}}");
        assertThat(wrongNested).startsWith("HTTP/1.1 400 ")
                .contains("cannot unmarshal string into field HostConfig.Memory of type integer");

        String oversized = send("POST", "/v1.45/containers/create",
                "{\"Image\":\"busybox\",\"Env\":[\"" + "x".repeat(MAX_BODY) + "\"]}");
        assertThat(oversized).startsWith("HTTP/1.1 413 ")
                .contains("request body is larger than the limit of 65536 bytes");

        String unknownPath = send("GET", "/v1.45/containers/abc/nonsense", null);
        assertThat(unknownPath).startsWith("HTTP/1.1 404 ").contains("{\"message\":\"page not found\"}");

        String badLimit = send("GET", "/v1.45/containers/json?limit=ten", null);
        assertThat(badLimit).startsWith("HTTP/1.1 400 ").contains("invalid value for limit");

        String badFilters = send("GET", "/v1.45/containers/json?filters=%7Bnot-json", null);
        assertThat(badFilters).startsWith("HTTP/1.1 400 ").contains("invalid filters");

        String unknownFilter = send("GET", "/v1.45/containers/json?filters=%7B%22color%22%3A%5B%22red%22%5D%7D", null);
        assertThat(unknownFilter).startsWith("HTTP/1.1 400 ").contains("invalid filter 'color'");

        String badTimeout = send("POST", "/v1.45/containers/abc/stop?t=soon", "");
        assertThat(badTimeout).startsWith("HTTP/1.1 400 ").contains("invalid value for t");

        String badSince = send("GET", "/v1.45/events?since=yesterday", null);
        assertThat(badSince).startsWith("HTTP/1.1 400 ").contains("invalid value for since: yesterday");

        String oldVersion = send("GET", "/v1.1/_ping", null);
        assertThat(oldVersion).startsWith("HTTP/1.1 400 ").contains("client version 1.1 is too old");

        String badName = send("POST", "/v1.45/containers/create?name=-bad", "{\"Image\":\"busybox\"}");
        assertThat(badName).startsWith("HTTP/1.1 400 ").contains("Invalid container name (-bad)");

        String badImage = send("POST", "/v1.45/containers/create", "{\"Image\":\"BusyBox\"}");
        assertThat(badImage).startsWith("HTTP/1.1 400 ").contains("invalid reference format");

        String garbage = client.exchange(address, "HELLO THERE\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        assertThat(garbage).startsWith("HTTP/1.1 400 ");

        String plain = TlsTestClient.plainExchange(address, TlsTestClient.http("GET", "/_ping", null));
        assertThat(plain).startsWith("HTTP/1.0 400 Bad Request")
                .contains("Client sent an HTTP request to an HTTPS server.");

        var noClientCert = new TlsTestClient(certs.ca().certificate(), null);
        assertThatThrownBy(() -> noClientCert.exchange(address, TlsTestClient.http("GET", "/_ping", null)))
                .isInstanceOf(IOException.class);

        var otherCa = CertificateFiles.generate(new CertificateGenerator(), "other", List.of());
        var wrongCa = new TlsTestClient(certs.ca().certificate(), otherCa.client());
        assertThatThrownBy(() -> wrongCa.exchange(address, TlsTestClient.http("GET", "/_ping", null)))
                .isInstanceOf(IOException.class);

        var distrusting = new TlsTestClient(otherCa.ca().certificate(), certs.client());
        assertThatThrownBy(() -> distrusting.exchange(address, TlsTestClient.http("GET", "/_ping", null)))
                .as("the client refuses a server certificate from a CA it does not trust")
                .isInstanceOf(SSLException.class);

        var tls11 = new TlsTestClient(certs.ca().certificate(), certs.client(), "TLSv1.1");
        assertThatThrownBy(() -> tls11.exchange(address, TlsTestClient.http("GET", "/_ping", null)))
                .isInstanceOf(SSLException.class);

        // and the server still serves
        String good = send("GET", "/v1.45/_ping", null);
        assertThat(good).startsWith("HTTP/1.1 200 OK").endsWith("OK");
        assertThat(send("GET", "/v1.45/info", null)).startsWith("HTTP/1.1 200 OK").contains("\"Name\":\"bad-input\"");
    }

    @Test
    void tls13IsPreferredAndTls12Accepted() throws Exception {
        try (var socket = client.connect(address)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
        }
        var tls12 = new TlsTestClient(certs.ca().certificate(), certs.client(), "TLSv1.2");
        try (var socket = tls12.connect(address)) {
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
            assertThat(TlsTestClient.sendAndReadAll(socket, TlsTestClient.http("GET", "/_ping", null)))
                    .startsWith("HTTP/1.1 200 OK");
        }
    }
}
