package dev.vch.personality.tls;

import java.math.BigInteger;
import java.net.InetAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Issues the certificates a VCH needs, as docker-machine and vic-machine do: a CA, a
 * server certificate (EKU serverAuth, a SAN for every address it is reached at plus
 * localhost and 127.0.0.1) and client certificates (EKU clientAuth). Keys are ECDSA P-256:
 * handshakes are several times cheaper than with RSA 2048, and the Go TLS stack of the
 * docker CLI accepts them.
 *
 * <p>Thread-safe; stateless apart from its random source.
 */
public final class CertificateGenerator {

    private static final String SIGNATURE = "SHA256withECDSA";
    private final SecureRandom random = new SecureRandom();
    private final Duration validity;

    /** Certificates valid for {@code validity} from one hour ago (tolerates clock skew). */
    public CertificateGenerator(Duration validity) {
        this.validity = validity;
    }

    /** Five years, as vic-machine's default. */
    public CertificateGenerator() {
        this(Duration.ofDays(5 * 365));
    }

    /** A self-signed CA that may sign end-entity certificates only (path length 0). */
    public IssuedCertificate createCa(String commonName) {
        KeyPair keys = newKeyPair();
        X500Name subject = name(commonName);
        return build(subject, keys, subject, keys, builder -> {
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0));
            builder.addExtension(Extension.keyUsage, true,
                    new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
        });
    }

    /**
     * A server certificate signed by {@code ca}. {@code hosts} are DNS names or IP literals;
     * "localhost" and "127.0.0.1" are always added.
     */
    public IssuedCertificate createServer(IssuedCertificate ca, String commonName, Collection<String> hosts) {
        Set<String> all = new LinkedHashSet<>(hosts);
        all.add("localhost");
        all.add("127.0.0.1");
        List<GeneralName> sans = new ArrayList<>();
        for (String host : all) {
            sans.add(isIpLiteral(host) ? new GeneralName(GeneralName.iPAddress, host)
                    : new GeneralName(GeneralName.dNSName, host));
        }
        return endEntity(ca, commonName, KeyPurposeId.id_kp_serverAuth,
                new GeneralNames(sans.toArray(GeneralName[]::new)));
    }

    /** A client certificate signed by {@code ca}, for docker's --tlscert. */
    public IssuedCertificate createClient(IssuedCertificate ca, String commonName) {
        return endEntity(ca, commonName, KeyPurposeId.id_kp_clientAuth, null);
    }

    private IssuedCertificate endEntity(IssuedCertificate ca, String commonName, KeyPurposeId purpose,
                                        GeneralNames sans) {
        KeyPair keys = newKeyPair();
        X500Name issuer = X500Name.getInstance(ca.certificate().getSubjectX500Principal().getEncoded());
        return build(name(commonName), keys, issuer, new KeyPair(ca.certificate().getPublicKey(), ca.privateKey()),
                builder -> {
                    builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    builder.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyAgreement));
                    builder.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(purpose));
                    if (sans != null) {
                        builder.addExtension(Extension.subjectAlternativeName, false, sans);
                    }
                });
    }

    private interface Extensions {
        void add(X509v3CertificateBuilder builder) throws Exception;
    }

    private IssuedCertificate build(X500Name subject, KeyPair keys, X500Name issuer, KeyPair issuerKeys,
                                    Extensions extensions) {
        try {
            Instant now = Instant.now();
            var builder = new JcaX509v3CertificateBuilder(issuer, new BigInteger(127, random),
                    Date.from(now.minus(Duration.ofHours(1))), Date.from(now.plus(validity)), subject,
                    keys.getPublic());
            var utils = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.subjectKeyIdentifier, false,
                    utils.createSubjectKeyIdentifier(keys.getPublic()));
            builder.addExtension(Extension.authorityKeyIdentifier, false,
                    utils.createAuthorityKeyIdentifier(issuerKeys.getPublic()));
            extensions.add(builder);
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE).build(issuerKeys.getPrivate());
            X509Certificate cert = new JcaX509CertificateConverter().getCertificate(builder.build(signer));
            return new IssuedCertificate(cert, keys.getPrivate());
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new IllegalStateException("Tried to issue a certificate for " + subject + " but failed: " + e, e);
        } catch (Exception e) {
            throw new IllegalStateException("Tried to add extensions for " + subject + " but failed: " + e, e);
        }
    }

    private static KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no EC P-256 key generator", e);
        }
    }

    private static X500Name name(String commonName) {
        return new X500Name("CN=" + commonName.replace(",", "\\,").replace("=", "\\=") + ",O=Virtual Container Host");
    }

    static boolean isIpLiteral(String host) {
        if (host.isEmpty()) {
            return false;
        }
        boolean v4 = host.chars().allMatch(c -> c == '.' || Character.isDigit(c));
        boolean v6 = host.indexOf(':') >= 0 && host.chars().allMatch(c -> c == ':' || c == '.'
                || Character.digit(c, 16) >= 0);
        if (!v4 && !v6) {
            return false;
        }
        try {
            InetAddress.getByName(host); // a literal: no lookup happens
            return true;
        } catch (java.net.UnknownHostException e) {
            return false;
        }
    }
}
