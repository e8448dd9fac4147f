package dev.vch.personality;

import dev.vch.personality.tls.TlsMaterial;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * How to run the Docker API server.
 *
 * @param bind           address and port to listen on (port 0 = any free port)
 * @param tls            TLS material, or null for plain HTTP (only when explicitly configured)
 * @param vchName        the VCH's name, shown by {@code docker info}
 * @param versions       product and API versions to advertise
 * @param maxBodyBytes   largest request body accepted (413 above)
 * @param ioThreads      Netty event-loop threads, 0 = Netty's default
 */
public record DockerApiConfig(InetSocketAddress bind, TlsMaterial tls, String vchName, Versions versions,
                              int maxBodyBytes, int ioThreads) {

    public static final int DEFAULT_TLS_PORT = 2376;
    public static final int DEFAULT_PLAIN_PORT = 2375;
    public static final int DEFAULT_MAX_BODY = 4 * 1024 * 1024;

    public DockerApiConfig {
        Objects.requireNonNull(bind, "bind");
        Objects.requireNonNull(vchName, "vchName");
        versions = versions == null ? Versions.DEFAULT : versions;
        if (maxBodyBytes <= 0) {
            maxBodyBytes = DEFAULT_MAX_BODY;
        }
    }

    /** TLS on {@code host:2376} (or the given port) with default limits. */
    public static DockerApiConfig tls(String host, int port, TlsMaterial tls, String vchName) {
        return new DockerApiConfig(new InetSocketAddress(host, port), Objects.requireNonNull(tls, "tls"), vchName,
                Versions.DEFAULT, DEFAULT_MAX_BODY, 0);
    }

    /** Plain HTTP: only for a VCH created with --no-tls, and for tests. */
    public static DockerApiConfig plain(String host, int port, String vchName) {
        return new DockerApiConfig(new InetSocketAddress(host, port), null, vchName, Versions.DEFAULT,
                DEFAULT_MAX_BODY, 0);
    }

    public DockerApiConfig withMaxBodyBytes(int bytes) {
        return new DockerApiConfig(bind, tls, vchName, versions, bytes, ioThreads);
    }

    /**
     * Versions the server reports.
     *
     * @param product    the product version ({@code docker version}'s "Version")
     * @param maxApi     highest API version served, the default for unversioned paths
     * @param minApi     lowest API version accepted
     * @param gitCommit  build commit, or "unknown"
     */
    public record Versions(String product, ApiVersion maxApi, ApiVersion minApi, String gitCommit) {
        public static final Versions DEFAULT = new Versions("0.1.0", ApiVersion.parse("1.45"),
                ApiVersion.parse("1.24"), "unknown");
    }
}
