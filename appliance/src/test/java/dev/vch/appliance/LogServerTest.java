package dev.vch.appliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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
    void servesLogsAndABundleOnlyToClientsWithTheVchCertificate() throws Exception {
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
        try (LogServer ls = LogServer.start(new InetSocketAddress("127.0.0.1", 0), tls, logs, applianceLog, x -> "web")) {
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

            HttpClient wrong = client(ca.certificate(), stranger);
            assertThatThrownBy(() -> wrong.send(HttpRequest.newBuilder(URI.create(base + "/")).build(),
                    HttpResponse.BodyHandlers.ofString())).isInstanceOf(java.io.IOException.class);
        }
    }

    private static HttpClient client(X509Certificate trust, IssuedCertificate me) throws Exception {
        char[] pw = "x".toCharArray();
        KeyStore ks = KeyStore.getInstance("PKCS12");
        ks.load(null, null);
        ks.setKeyEntry("me", me.privateKey(), pw, new X509Certificate[] {me.certificate()});
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
