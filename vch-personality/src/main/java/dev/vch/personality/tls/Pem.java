package dev.vch.personality.tls;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;

/**
 * PEM encoding of certificates and keys, in the forms docker and openssl read and write
 * (certificates as "CERTIFICATE", keys as PKCS#8 "PRIVATE KEY"; reading also accepts
 * "EC PRIVATE KEY" and "RSA PRIVATE KEY").
 */
public final class Pem {

    private Pem() {
    }

    public static String encode(Object certOrKey) {
        var out = new StringWriter();
        try (var writer = new JcaPEMWriter(out)) {
            if (certOrKey instanceof PrivateKey key) {
                writer.writeObject(new org.bouncycastle.openssl.jcajce.JcaPKCS8Generator(key, null));
            } else {
                writer.writeObject(certOrKey);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot PEM-encode " + certOrKey.getClass().getSimpleName(), e);
        }
        return out.toString();
    }

    /** Writes a certificate (mode 0644). */
    public static void writeCertificate(Path file, X509Certificate cert) throws IOException {
        write(file, encode(cert), "rw-r--r--");
    }

    /** Writes a private key readable by the owner only (mode 0600). */
    public static void writePrivateKey(Path file, PrivateKey key) throws IOException {
        write(file, encode(key), "rw-------");
    }

    private static void write(Path file, String text, String mode) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString(mode));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: keep the default permissions
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** Every certificate in the file, in order (a chain or a CA bundle). */
    public static List<X509Certificate> readCertificates(Path file) throws IOException {
        List<X509Certificate> certs = new ArrayList<>();
        try (Reader reader = Files.newBufferedReader(file); var parser = new PEMParser(reader)) {
            Object o;
            while ((o = parser.readObject()) != null) {
                if (o instanceof X509CertificateHolder holder) {
                    certs.add(new JcaX509CertificateConverter().getCertificate(holder));
                }
            }
        } catch (CertificateException e) {
            throw new IOException("bad certificate in " + file + ": " + e.getMessage(), e);
        }
        if (certs.isEmpty()) {
            throw new IOException("no certificate in " + file);
        }
        return certs;
    }

    public static X509Certificate readCertificate(Path file) throws IOException {
        return readCertificates(file).getFirst();
    }

    public static PrivateKey readPrivateKey(Path file) throws IOException {
        try (Reader reader = Files.newBufferedReader(file); var parser = new PEMParser(reader)) {
            Object o;
            var converter = new JcaPEMKeyConverter();
            while ((o = parser.readObject()) != null) {
                if (o instanceof PrivateKeyInfo info) {
                    return converter.getPrivateKey(info);
                }
                if (o instanceof PEMKeyPair pair) {
                    return converter.getKeyPair(pair).getPrivate();
                }
            }
        }
        throw new IOException("no unencrypted private key in " + file);
    }
}
