package dev.vch.appliance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.personality.tls.CertificateGenerator;
import dev.vch.personality.tls.IssuedCertificate;
import dev.vch.personality.tls.TlsMaterial;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.container.LogStore;
import java.io.ByteArrayInputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogServerTest {
    @TempDir
    Path dir;

    @Test
    void servesLogsAndABundleToClientsWithTheVchCertificateOrVsphereCredentials() throws Exception {
        CertificateGenerator gen = new CertificateGenerator();
        IssuedCertificate ca = gen.createCa("vch-ca");
        IssuedCertificate server = gen.createServer(ca, "vch", List.of("127.0.0.1"));
        IssuedCertificate client = gen.createClient(ca, "client");
        IssuedCertificate otherCa = gen.createCa("other");
        IssuedCertificate stranger = gen.createClient(otherCa, "stranger");
        TlsMaterial tls = new TlsMaterial(List.of(server.certificate()), server.privateKey(), List.of(ca.certificate()));

        LogStore logs = new LogStore(dir.resolve("logs"));
        String id = "a".repeat(64);
        logs.append(id, StdStream.STDOUT, "hello\n".getBytes(StandardCharsets.UTF_8));
        Path applianceLog = Files.writeString(dir.resolve("appliance.log"), "appliance up\n");
        LogLogin vsphere = (user, password) -> user.equals("admin") && password.equals("s3cret");
        try (LogServer ls = LogServer.start(new InetSocketAddress("127.0.0.1", 0), tls, vsphere, "vch", logs, applianceLog,
                x -> "web")) {
            String base = "https://127.0.0.1:" + ls.address().getPort();
            HttpClient ok = client(ca.certificate(), client);
            String index = ok.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(index).contains("web (aaaaaaaaaaaa)", "/logs/" + id + "?follow=1", "/bundle.tar.gz");
            String log = ok.send(HttpRequest.newBuilder(URI.create(base + "/logs/" + id)).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(log).endsWith(" hello\n");
            var missing = ok.send(HttpRequest.newBuilder(URI.create(base + "/logs/" + "b".repeat(64))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(missing.statusCode()).isEqualTo(404);
            byte[] bundle = ok.send(HttpRequest.newBuilder(URI.create(base + "/bundle.tar.gz")).build(),
                    HttpResponse.BodyHandlers.ofByteArray()).body();
            List<String> names = new java.util.ArrayList<>();
            try (var tar = new TarArchiveInputStream(new GZIPInputStream(new ByteArrayInputStream(bundle)))) {
                for (var e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
                    names.add(e.getName());
                }
            }
            assertThat(names).containsExactly("appliance.log", "containers/web-aaaaaaaaaaaa.log");

            // no certificate: vSphere credentials or nothing
            HttpClient anonymous = client(ca.certificate(), null);
            var refused = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(refused.statusCode()).isEqualTo(401);
            assertThat(refused.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Basic realm="));
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Authorization", basic("admin", "wrong"))
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            assertThat(anonymous.send(HttpRequest.newBuilder(URI.create(base + "/")).header("Authorization", "Basic %%%")
                    .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            var withLogin = anonymous.send(HttpRequest.newBuilder(URI.create(base + "/logs/" + id))
                    .header("Authorization", basic("admin", "s3cret")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(withLogin.statusCode()).isEqualTo(200);
            assertThat(withLogin.body()).endsWith(" hello\n");

            // a certificate of another CA is not offered (the server names its CAs) or is refused in the
            // handshake; either way it opens nothing
            HttpClient wrong = client(ca.certificate(), stranger);
            try {
                assertThat(wrong.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                        HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
            } catch (java.io.IOException refusedInHandshake) {
                assertThat(refusedInHandshake).isNotNull();
            }
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + java.util.Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** A client trusting {@code trust}, presenting {@code me} (null: no certificate). */
    private static HttpClient client(X509Certificate trust, IssuedCertificate me) throws Exception {
        char[] pw = "x".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        if (me != null) {
            ks.setKeyEntry("me", me.privateKey(), pw, new X509Certificate[] {me.certificate()});
        }
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(ks, pw);
        KeyStore ts = KeyStore.getInstance("PKCS12");
        ts.load(null, null);
        ts.setCertificateEntry("ca", trust);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(ts);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        return HttpClient.newBuilder().sslContext(ctx).build();
    }
}
