package dev.vch.personality.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CertificateGeneratorTest {
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private final CertificateGenerator generator = new CertificateGenerator();

    @Test
    void serverCertificateHasSansForEveryAddressPlusLoopbackAndServerAuth() throws Exception {
        var ca = generator.createCa("test CA");
        var server = generator.createServer(ca, "vch1", List.of("192.168.1.10", "vch1.example.com", "::1"));
        X509Certificate cert = server.certificate();

        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> san.get(1).toString())
                .contains("192.168.1.10", "vch1.example.com", "localhost", "127.0.0.1");
        // IP SANs are of type 7 (iPAddress), DNS names of type 2: the CLI rejects IPs as DNS names
        assertThat(cert.getSubjectAlternativeNames()).extracting(san -> san.get(0) + "=" + san.get(1))
                .contains("7=192.168.1.10", "2=vch1.example.com", "2=localhost", "7=127.0.0.1");
        assertThat(cert.getExtendedKeyUsage()).containsExactly(SERVER_AUTH);
        assertThat(cert.getBasicConstraints()).isEqualTo(-1);
        assertChains(cert, ca.certificate());
    }

    @Test
    void clientCertificateHasClientAuthAndChainsToTheCa() throws Exception {
        var ca = generator.createCa("test CA");
        var client = generator.createClient(ca, "alice");

        assertThat(client.certificate().getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(client.certificate().getSubjectX500Principal().getName()).contains("CN=alice");
        assertChains(client.certificate(), ca.certificate());
    }

    @Test
    void caMaySignButNotDelegate() {
        var ca = generator.createCa("test CA");
        assertThat(ca.certificate().getBasicConstraints()).isZero();
        assertThat(ca.certificate().getKeyUsage()[5]).as("keyCertSign").isTrue();
    }

    @Test
    void certificateFromAnotherCaDoesNotChain() {
        var ca = generator.createCa("one");
        var other = generator.createCa("other");
        var client = generator.createClient(other, "mallory");
        assertThatThrownBy(() -> assertChains(client.certificate(), ca.certificate()))
                .isInstanceOf(java.security.cert.CertPathValidatorException.class);
    }

    @Test
    void filesRoundTripWithPrivateKeysReadableByOwnerOnly(@TempDir Path dir) throws Exception {
        var set = CertificateFiles.generate(generator, "vch1", List.of("10.0.0.5"));
        CertificateFiles.write(dir, set);

        assertThat(dir.toFile().list()).containsExactlyInAnyOrder("ca.pem", "ca-key.pem", "server-cert.pem",
                "server-key.pem", "cert.pem", "key.pem");
        assertThat(Files.getPosixFilePermissions(dir.resolve("key.pem")))
                .isEqualTo(PosixFilePermissions.fromString("rw-------"));
        assertThat(Files.readString(dir.resolve("ca.pem"))).startsWith("-----BEGIN CERTIFICATE-----");
        assertThat(Files.readString(dir.resolve("server-key.pem"))).startsWith("-----BEGIN PRIVATE KEY-----");

        var read = CertificateFiles.read(dir);
        assertThat(read.server().certificate()).isEqualTo(set.server().certificate());
        assertThat(read.client().privateKey().getEncoded()).isEqualTo(set.client().privateKey().getEncoded());
        var tls = TlsMaterial.fromDirectory(dir, true);
        assertThat(tls.verifiesClients()).isTrue();
        assertThat(tls.clientCas()).containsExactly(set.ca().certificate());
    }

    @Test
    void readingAFileWithoutAKeyFailsClearly(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("empty.pem");
        Files.writeString(file, "not a pem\n");
        assertThatThrownBy(() -> Pem.readPrivateKey(file)).hasMessageContaining("no unencrypted private key");
        assertThatThrownBy(() -> Pem.readCertificate(file)).hasMessageContaining("no certificate");
    }

    @Test
    void ipLiteralsAreRecognised() {
        assertThat(CertificateGenerator.isIpLiteral("10.1.2.3")).isTrue();
        assertThat(CertificateGenerator.isIpLiteral("fe80::1")).isTrue();
        assertThat(CertificateGenerator.isIpLiteral("vch.local")).isFalse();
        assertThat(CertificateGenerator.isIpLiteral("cafe")).isFalse();
    }

    private static void assertChains(X509Certificate leaf, X509Certificate ca) throws Exception {
        var path = CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf));
        var params = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        params.setRevocationEnabled(false);
        CertPathValidator.getInstance("PKIX").validate(path, params);
    }
}
