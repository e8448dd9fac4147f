package dev.vch.personality.tls;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key. {@link #toString} never prints the key. */
public record IssuedCertificate(X509Certificate certificate, PrivateKey privateKey) {
    @Override
    public String toString() {
        return "IssuedCertificate[" + certificate.getSubjectX500Principal() + "]";
    }
}
