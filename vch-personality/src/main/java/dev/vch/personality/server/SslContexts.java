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
 * certificates required when the material names client CAs (docker's --tlsverify). The
 * JDK provider is used: its TLS 1.3 does half-close properly, which attach needs when the
 * client ends stdin with a close_notify (see docs/design/docker-api.md).
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
