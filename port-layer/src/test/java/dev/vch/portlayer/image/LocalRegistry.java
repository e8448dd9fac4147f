package dev.vch.portlayer.image;

import dev.vch.portlayer.image.disk.Tool;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.registry.RegistryTls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;

/**
 * Debian's docker-registry on 127.0.0.1, started by a test: plain HTTP, TLS with a test CA
 * made with openssl, or TLS with htpasswd users. {@link #push} is the tests' push helper
 * (monolithic blob uploads, then the manifest).
 */
public final class LocalRegistry implements AutoCloseable {

    public enum Mode { PLAIN, TLS, TLS_HTPASSWD }

    public static final String USER = "tester";
    public static final String PASSWORD = "pa55-w0rd";

    private final Process process;
    private final int port;
    private final String caPem;
    private final boolean auth;
    private final HttpClient http;
    private final Path log;

    private LocalRegistry(Process process, int port, String caPem, boolean auth, Path log) {
        this.process = process;
        this.port = port;
        this.caPem = caPem;
        this.auth = auth;
        this.log = log;
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (caPem != null) {
            b.sslContext(RegistryTls.verifying(List.of(caPem)));
        }
        this.http = b.build();
    }

    public static LocalRegistry start(Path dir, Mode mode) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        StringBuilder yml = new StringBuilder("version: 0.1\nlog:\n  level: warn\nstorage:\n  filesystem:\n"
                + "    rootdirectory: " + dir.resolve("data") + "\nhttp:\n  addr: 127.0.0.1:" + port + "\n");
        String caPem = null;
        if (mode != Mode.PLAIN) {
            caPem = makeCertificates(dir);
            yml.append("  tls:\n    certificate: ").append(dir.resolve("server.pem")).append("\n    key: ")
                    .append(dir.resolve("server.key")).append('\n');
        }
        if (mode == Mode.TLS_HTPASSWD) {
            Files.writeString(dir.resolve("htpasswd"), Tool.run(null, List.of("htpasswd", "-Bbn", USER, PASSWORD))
                    .stdout());
            yml.append("auth:\n  htpasswd:\n    realm: test\n    path: ").append(dir.resolve("htpasswd")).append('\n');
        }
        Path config = dir.resolve("config.yml");
        Files.writeString(config, yml);
        Path log = dir.resolve("registry.log");
        Process p = new ProcessBuilder("docker-registry", "serve", config.toString()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        LocalRegistry r = new LocalRegistry(p, port, caPem, mode == Mode.TLS_HTPASSWD, log);
        r.awaitUp();
        return r;
    }

    private static String makeCertificates(Path dir) {
        String d = dir.toString();
        Tool.run(null, List.of("openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256",
                "-nodes", "-keyout", d + "/ca.key", "-out", d + "/ca.pem", "-days", "2", "-subj", "/CN=vch test CA"));
        Tool.run(null, List.of("openssl", "req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                "-keyout", d + "/server.key", "-out", d + "/server.csr", "-subj", "/CN=127.0.0.1"));
        try {
            Files.writeString(dir.resolve("san.ext"), "subjectAltName=IP:127.0.0.1,DNS:localhost\n");
            Tool.run(null, List.of("openssl", "x509", "-req", "-in", d + "/server.csr", "-CA", d + "/ca.pem", "-CAkey",
                    d + "/ca.key", "-CAcreateserial", "-out", d + "/server.pem", "-days", "2", "-extfile",
                    d + "/san.ext"));
            return Files.readString(dir.resolve("ca.pem"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitUp() throws IOException, InterruptedException {
        Instant deadline = Instant.now().plusSeconds(20);
        while (true) {
            try {
                http.send(HttpRequest.newBuilder(uri("/v2/")).build(), HttpResponse.BodyHandlers.discarding());
                return;
            } catch (IOException e) {
                if (!process.isAlive() || Instant.now().isAfter(deadline)) {
                    throw new IOException("docker-registry did not come up: " + Files.readString(log), e);
                }
                Thread.sleep(50);
            }
        }
    }

    /** "127.0.0.1:port": the domain of references to this registry. */
    public String domain() {
        return "127.0.0.1:" + port;
    }

    /** The test CA's certificate (PEM), null for plain HTTP. */
    public String caPem() {
        return caPem;
    }

    private URI uri(String path) {
        return URI.create((caPem == null ? "http" : "https") + "://" + domain() + path);
    }

    /** Pushes an image's blobs and manifest under {@code reference} (a tag or a digest). */
    public void push(String repo, String reference, RegistryImage img) {
        pushBlob(repo, img.config());
        img.blobs().forEach(b -> pushBlob(repo, b));
        pushManifest(repo, reference, img.mediaType(), img.manifest());
    }

    public void pushManifest(String repo, String reference, String mediaType, byte[] manifest) {
        send(put(uri("/v2/" + repo + "/manifests/" + reference), mediaType, manifest), 201, "push manifest");
    }

    private void pushBlob(String repo, byte[] blob) {
        String digest = ChainIds.sha256(blob);
        HttpResponse<String> head = send(request(uri("/v2/" + repo + "/blobs/" + digest))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()), -1, "check blob");
        if (head.statusCode() == 200) {
            return;
        }
        HttpResponse<String> start = send(request(uri("/v2/" + repo + "/blobs/uploads/"))
                .POST(HttpRequest.BodyPublishers.noBody()), 202, "start upload");
        URI location = uri("/").resolve(start.headers().firstValue("Location").orElseThrow());
        URI target = URI.create(location + (location.getQuery() == null ? "?" : "&") + "digest=" + digest);
        send(put(target, "application/octet-stream", blob), 201, "upload blob");
    }

    private HttpRequest.Builder put(URI uri, String type, byte[] body) {
        return request(uri).header("Content-Type", type).PUT(HttpRequest.BodyPublishers.ofByteArray(body));
    }

    private HttpRequest.Builder request(URI uri) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri);
        if (auth) {
            b.header("Authorization", "Basic " + Base64.getEncoder().encodeToString((USER + ":" + PASSWORD)
                    .getBytes(StandardCharsets.UTF_8)));
        }
        return b;
    }

    private HttpResponse<String> send(HttpRequest.Builder req, int expected, String what) {
        try {
            HttpResponse<String> r = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (expected > 0 && r.statusCode() != expected) {
                throw new IllegalStateException("Tried to " + what + " but the registry answered " + r.statusCode()
                        + ": " + r.body());
            }
            return r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
