package dev.vch.personality.server;

import dev.vch.personality.tls.TlsMaterial;
import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import javax.net.ssl.SSLException;

/**
 * The server's TLS settings: TLS 1.3 preferred, 1.2 accepted, nothing older; client
 * certificates required when the material names client CAs (docker's --tlsverify).
 *
 * <p>The JDK provider, on purpose. Netty's OpenSSL/BoringSSL engine (netty-tcnative) makes
 * handshakes about three times cheaper, but it closes both directions when the client
 * sends a close_notify, and the docker CLI does exactly that on an attach without stdin
 * (it half-closes at once, then reads the output): {@code docker run busybox echo hi}
 * printed nothing. The JDK's TLS 1.3 engine keeps the write side open. Measured figures:
 * docs/benchmarks-personality.md.
 */
public final class SslContexts {
    private SslContexts() {
    }

    public static SslContext server(TlsMaterial tls) {
        try {
            var builder = SslContextBuilder
                    .forServer(tls.serverKey(), tls.serverChain().toArray(X509Certificate[]::new))
                    .sslProvider(SslProvider.JDK)
                    .protocols("TLSv1.3", "TLSv1.2");
            if (tls.verifiesClients()) {
                builder.trustManager(tls.clientCas().toArray(X509Certificate[]::new)).clientAuth(ClientAuth.REQUIRE);
            }
            return builder.build();
        } catch (SSLException e) {
            throw new IllegalStateException("Tried to set up TLS with " + tls + " but failed: " + e.getMessage(), e);
        }
    }
}
