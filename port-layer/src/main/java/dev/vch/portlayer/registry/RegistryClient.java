package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Docker Registry HTTP API v2 client (see docs/design/registry-client.md). One per VCH: it
 * keeps the token cache, the scheme each registry speaks and the blobs being downloaded.
 */
public final class RegistryClient {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryClient.class);

    private final RegistryConfig config;
    private final RegistryPolicy policy;
    private final RegistryTransport transport;
    private final Authenticator auth;
    private final BlobDownloads downloads;
    private final Map<String, URI> bases = new ConcurrentHashMap<>();

    /** @param spoolDir where blobs are downloaded to before they are applied */
    public RegistryClient(RegistryConfig config, Path spoolDir) {
        this.config = config;
        this.policy = new RegistryPolicy(config);
        this.transport = new RegistryTransport(config, policy);
        this.auth = new Authenticator(new TokenFetcher(transport));
        this.downloads = new BlobDownloads(spoolDir);
    }

    /** The repository behind a reference, for pulling with {@code creds}. FORBIDDEN when not whitelisted. */
    public RegistryRepository repository(Reference ref, Credentials creds) {
        policy.checkAllowed(ref.domain());
        RegistrySession s = new RegistrySession(transport, auth, ref.domain(), ref.path(), base(ref.domain()), creds);
        return new RegistryRepository(s, ref.familiarName(), downloads, config.attempts());
    }

    /** {@code docker login}: checks the credentials with {@code GET /v2/}; UNAUTHORIZED when refused. */
    public void checkLogin(String domain, Credentials creds) {
        policy.checkAllowed(domain);
        URI base = base(domain);
        RegistrySession s = new RegistrySession(transport, auth, domain, "", base, creds);
        URI v2 = base.resolve("/v2/");
        HttpResponse<byte[]> resp = s.getBytes(v2, Map.of(), RegistryLimits.MAX_ERROR, "log in to " + domain);
        if (resp.statusCode() != 200) {
            throw new PortLayerException(PortLayerException.Kind.UNAUTHORIZED, "login attempt to " + v2
                    + " failed with status: " + resp.statusCode() + " " + reason(resp.statusCode()));
        }
    }

    /** https, or for an insecure registry whichever of https and http it speaks (https first). */
    private URI base(String domain) {
        return bases.computeIfAbsent(domain, d -> {
            URI https = URI.create("https://" + RegistryPolicy.apiHost(d) + "/");
            if (!policy.insecure(d)) {
                return https;
            }
            try {
                transport.probe(https.resolve("/v2/"));
                return https;
            } catch (IOException e) {
                LOG.info("insecure registry {} does not speak https ({}); using http", d, e.toString());
                return URI.create("http://" + RegistryPolicy.apiHost(d) + "/");
            }
        });
    }

    private static String reason(int status) {
        return switch (status) {
            case 401 -> "Unauthorized";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 429 -> "Too Many Requests";
            default -> status >= 500 ? "Server Error" : "";
        };
    }
}
