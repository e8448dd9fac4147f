package dev.vch.personality.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * What the server needs for TLS: its certificate chain and key, and the CAs whose client
 * certificates it accepts. With an empty {@code clientCas} the server does not ask for a
 * client certificate (docker's --tls without --tlsverify).
 */
public record TlsMaterial(List<X509Certificate> serverChain, java.security.PrivateKey serverKey,
                          List<X509Certificate> clientCas) {
    public TlsMaterial {
        serverChain = List.copyOf(serverChain);
        clientCas = List.copyOf(clientCas);
        if (serverChain.isEmpty()) {
            throw new IllegalArgumentException("a server certificate is required");
        }
    }

    public boolean verifiesClients() {
        return !clientCas.isEmpty();
    }

    public static TlsMaterial verifyingClients(IssuedCertificate server, X509Certificate clientCa) {
        return new TlsMaterial(List.of(server.certificate()), server.privateKey(), List.of(clientCa));
    }

    /** Reads server-cert.pem, server-key.pem and ca.pem (the client CA) from {@code dir}. */
    public static TlsMaterial fromDirectory(Path dir, boolean verifyClients) throws IOException {
        return new TlsMaterial(Pem.readCertificates(dir.resolve(CertificateFiles.SERVER_CERT)),
                Pem.readPrivateKey(dir.resolve(CertificateFiles.SERVER_KEY)),
                verifyClients ? Pem.readCertificates(dir.resolve(CertificateFiles.CA)) : List.of());
    }

    @Override
    public String toString() {
        return "TlsMaterial[server=" + serverChain.getFirst().getSubjectX500Principal() + ", verifyClients="
                + verifiesClients() + "]";
    }
}
