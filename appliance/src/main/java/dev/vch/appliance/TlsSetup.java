package dev.vch.appliance;

import dev.vch.appliance.ApplianceException.Kind;
import dev.vch.personality.tls.CertificateGenerator;
import dev.vch.personality.tls.IssuedCertificate;
import dev.vch.personality.tls.Pem;
import dev.vch.personality.tls.TlsMaterial;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyStore;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** The VCH's TLS material from its configuration (PEM in guestinfo) for the Docker API and the log server. */
final class TlsSetup {
    private TlsSetup() {
    }

    /** Null when the configuration has no server certificate yet (vic-machine writes it after power-on). */
    static TlsMaterial material(VchConfig.VchTls tls, Path dir) {
        if (tls == null || tls.disabled() || blank(tls.serverCertPem()) || blank(tls.serverKeyPem())) {
            return null;
        }
        try {
            Files.createDirectories(dir);
            Path cert = write(dir.resolve("server-cert.pem"), tls.serverCertPem());
            Path key = write(dir.resolve("server-key.pem"), tls.serverKeyPem());
            List<X509Certificate> cas = List.of();
            if (tls.verifyClients() && !blank(tls.clientCasPem())) {
                cas = Pem.readCertificates(write(dir.resolve("ca.pem"), tls.clientCasPem()));
            }
            return new TlsMaterial(Pem.readCertificates(cert), Pem.readPrivateKey(key), cas);
        } catch (IOException | RuntimeException e) {
            throw new ApplianceException(Kind.CONFIG, "the TLS material in the VCH configuration does not decode: "
                    + e.getMessage(), e);
        }
    }

    /** A server certificate of its own for {@code ip}, admitting no client certificates. */
    static TlsMaterial selfSigned(String vchName, String ip) {
        CertificateGenerator gen = new CertificateGenerator();
        IssuedCertificate ca = gen.createCa(vchName + " log server CA");
        IssuedCertificate server = gen.createServer(ca, vchName, List.of(ip));
        return new TlsMaterial(List.of(server.certificate(), ca.certificate()), server.privateKey(), List.of());
    }

    /** Whether the server certificate names {@code ip} (docker --tlsverify checks it). */
    static boolean covers(TlsMaterial tls, String ip) {
        try {
            var sans = tls.serverChain().getFirst().getSubjectAlternativeNames();
            if (sans == null) {
                return false;
            }
            InetAddress want = InetAddress.getByName(ip);
            for (List<?> san : sans) {
                if (Integer.valueOf(7).equals(san.get(0)) && InetAddress.getByName((String) san.get(1)).equals(want)) {
                    return true;
                }
            }
            return false;
        } catch (CertificateParsingException | IOException e) {
            return false;
        }
    }

    /** A server SSL context that requires client certificates signed by the configured CAs. */
    static SSLContext serverContext(TlsMaterial tls) {
        try {
            char[] pw = "vch".toCharArray();
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(null, null);
            ks.setKeyEntry("server", tls.serverKey(), pw, tls.serverChain().toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, pw);
            KeyStore ts = KeyStore.getInstance("PKCS12");
            ts.load(null, null);
            int i = 0;
            for (X509Certificate ca : tls.clientCas()) {
                ts.setCertificateEntry("ca" + i++, ca);
            }
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ts);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
            return ctx;
        } catch (Exception e) {
            throw new ApplianceException(Kind.CONFIG, "cannot build the TLS context: " + e.getMessage(), e);
        }
    }

    private static Path write(Path file, String pem) throws IOException {
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(file, pem);
        return file;
    }

    private static boolean blank(String s) {
        return s == null || s.isBlank();
    }
}
