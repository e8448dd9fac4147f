package dev.vch.portlayer.registry;

import java.time.Duration;
import java.util.List;
import java.util.Set;

/**
 * How the VCH reaches registries (vic-machine create's registry options).
 *
 * @param insecureRegistries hosts ("host" or "host:port") that may be reached over plain HTTP or
 *                           HTTPS without certificate checks (--insecure-registry): "host",
 *                           "host:port" or a CIDR; Docker's default is {@link #LOOPBACK}
 * @param caCertificatesPem  extra CA certificates (PEM) trusted for registries (--registry-ca)
 * @param whitelist          when not empty, the only registries pulls may use
 *                           (--whitelist-registry): "host", "host:port" or a CIDR
 * @param retryBaseDelay     first backoff after a 5xx, 429 or broken connection; doubles per attempt
 * @param attempts           tries per request before giving up
 */
public record RegistryConfig(Set<String> insecureRegistries, List<String> caCertificatesPem, List<String> whitelist,
                             Duration retryBaseDelay, int attempts) {

    /** Docker's default insecure range: registries on the local host. */
    public static final String LOOPBACK = "127.0.0.0/8";
    public static final RegistryConfig DEFAULT = new RegistryConfig(Set.of(LOOPBACK), List.of(), List.of(),
            Duration.ofMillis(500), 5);

    public RegistryConfig {
        insecureRegistries = Set.copyOf(insecureRegistries);
        caCertificatesPem = List.copyOf(caCertificatesPem);
        whitelist = List.copyOf(whitelist);
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1");
        }
    }

    public RegistryConfig withRetries(Duration baseDelay, int attempts) {
        return new RegistryConfig(insecureRegistries, caCertificatesPem, whitelist, baseDelay, attempts);
    }
}
