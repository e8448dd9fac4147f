package dev.vch.personality.tls;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;

/**
 * The certificate directory layout docker and docker-machine use, and the helpers to
 * write a complete set into it: {@code ca.pem ca-key.pem server-cert.pem server-key.pem
 * cert.pem key.pem}. {@code DOCKER_CERT_PATH} may point at such a directory.
 */
public final class CertificateFiles {
    public static final String CA = "ca.pem";
    public static final String CA_KEY = "ca-key.pem";
    public static final String SERVER_CERT = "server-cert.pem";
    public static final String SERVER_KEY = "server-key.pem";
    public static final String CLIENT_CERT = "cert.pem";
    public static final String CLIENT_KEY = "key.pem";

    private CertificateFiles() {
    }

    /** A CA, a server certificate for {@code hosts} and a client certificate, all in memory. */
    public record Set(IssuedCertificate ca, IssuedCertificate server, IssuedCertificate client) {
        /** The server's TLS material: its certificate and key, trusting client certs from the CA. */
        public TlsMaterial serverTls() {
            return TlsMaterial.verifyingClients(server, ca.certificate());
        }
    }

    /** Issues a fresh set with {@code generator}. */
    public static Set generate(CertificateGenerator generator, String vchName, Collection<String> hosts) {
        IssuedCertificate ca = generator.createCa(vchName + " CA");
        IssuedCertificate server = generator.createServer(ca, vchName, hosts);
        IssuedCertificate client = generator.createClient(ca, "client");
        return new Set(ca, server, client);
    }

    /** Writes all six files into {@code dir} (created if needed); keys get mode 0600. */
    public static void write(Path dir, Set set) throws IOException {
        Files.createDirectories(dir);
        Pem.writeCertificate(dir.resolve(CA), set.ca().certificate());
        Pem.writePrivateKey(dir.resolve(CA_KEY), set.ca().privateKey());
        Pem.writeCertificate(dir.resolve(SERVER_CERT), set.server().certificate());
        Pem.writePrivateKey(dir.resolve(SERVER_KEY), set.server().privateKey());
        Pem.writeCertificate(dir.resolve(CLIENT_CERT), set.client().certificate());
        Pem.writePrivateKey(dir.resolve(CLIENT_KEY), set.client().privateKey());
    }

    /** Reads a set written by {@link #write}. */
    public static Set read(Path dir) throws IOException {
        return new Set(
                new IssuedCertificate(Pem.readCertificate(dir.resolve(CA)), Pem.readPrivateKey(dir.resolve(CA_KEY))),
                new IssuedCertificate(Pem.readCertificate(dir.resolve(SERVER_CERT)),
                        Pem.readPrivateKey(dir.resolve(SERVER_KEY))),
                new IssuedCertificate(Pem.readCertificate(dir.resolve(CLIENT_CERT)),
                        Pem.readPrivateKey(dir.resolve(CLIENT_KEY))));
    }
}
