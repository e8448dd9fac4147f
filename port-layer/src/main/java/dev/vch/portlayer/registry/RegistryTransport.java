package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.Executors;

/**
 * Sends registry requests: picks the verifying or (for insecure registries) the trusting
 * TLS client, never follows redirects itself (blob redirects are followed by
 * {@link BlobPuller}, which drops credentials on the way to another host), and retries with
 * exponential backoff on 5xx, 429 and broken connections.
 */
final class RegistryTransport {

    private static final Logger LOG = LoggerFactory.getLogger(RegistryTransport.class);

    private final HttpClient verifying;
    private final HttpClient trusting;
    private final RegistryPolicy policy;
    private final RegistryConfig config;

    RegistryTransport(RegistryConfig config, RegistryPolicy policy) {
        this.config = config;
        this.policy = policy;
        this.verifying = client(RegistryTls.verifying(config.caCertificatesPem()));
        this.trusting = client(RegistryTls.trustingAll());
    }

    private static HttpClient client(javax.net.ssl.SSLContext tls) {
        return HttpClient.newBuilder().sslContext(tls).followRedirects(HttpClient.Redirect.NEVER)
                .version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(15))
                .executor(Executors.newVirtualThreadPerTaskExecutor()).build();
    }

    /**
     * Sends with retries. A 5xx or 429 answer on the last attempt is returned for the caller
     * to report; a broken connection on the last attempt is UNAVAILABLE.
     */
    HttpResponse<InputStream> send(HttpRequest.Builder request, String what) {
        HttpRequest req = request.build();
        IOException last = null;
        for (int attempt = 1; attempt <= config.attempts(); attempt++) {
            try {
                HttpResponse<InputStream> resp = clientFor(req.uri()).send(req, HttpResponse.BodyHandlers.ofInputStream());
                int status = resp.statusCode();
                if ((status >= 500 || status == 429) && attempt < config.attempts()) {
                    long wait = backoff(attempt, resp.headers().firstValue("Retry-After").orElse(null));
                    LOG.info("registry answered {} to {} {}; retry {} in {} ms", status, req.method(), req.uri(),
                            attempt, wait);
                    resp.body().close();
                    sleep(wait);
                    continue;
                }
                return resp;
            } catch (IOException e) {
                last = e;
                if (attempt < config.attempts()) {
                    long wait = backoff(attempt, null);
                    LOG.info("{} {} failed ({}); retry {} in {} ms", req.method(), req.uri(), e.toString(), attempt, wait);
                    sleep(wait);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to " + what
                        + " but was interrupted", e);
            }
        }
        throw unreachable(what, req.uri(), last);
    }

    /** Sends and reads the whole answer, refusing one larger than {@code limit} bytes. */
    HttpResponse<byte[]> sendBytes(HttpRequest.Builder request, int limit, String what) {
        HttpResponse<InputStream> resp = send(request, what);
        try (InputStream in = resp.body()) {
            byte[] body = in.readNBytes(limit + 1);
            if (body.length > limit) {
                throw PortLayerException.invalid("Tried to " + what + " but failed because the registry's answer is"
                        + " larger than " + limit + " bytes");
            }
            return new Answer(resp, body);
        } catch (IOException e) {
            throw unreachable(what, resp.uri(), e);
        }
    }

    /** Sends once, no retries: for probing which scheme a registry speaks. */
    HttpResponse<Void> probe(URI uri) throws IOException {
        try {
            return clientFor(uri).send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(15)).GET().build(),
                    HttpResponse.BodyHandlers.discarding());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    static PortLayerException unreachable(String what, URI uri, IOException e) {
        return new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to " + what + " but failed because "
                + uri.getScheme() + "://" + uri.getAuthority() + " could not be reached: "
                + (e == null ? "no answer" : e.getMessage() == null ? e.toString() : e.getMessage()), e);
    }

    long backoff(int attempt, String retryAfter) {
        long base = config.retryBaseDelay().toMillis() << Math.min(attempt - 1, 6);
        if (retryAfter != null && retryAfter.matches("\\d{1,4}")) {
            return Math.min(Long.parseLong(retryAfter) * 1000, Math.max(base, 30_000));
        }
        return base;
    }

    private HttpClient clientFor(URI uri) {
        return uri.getScheme().equals("https") && policy.insecure(uri.getAuthority()) ? trusting : verifying;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "interrupted while waiting to retry", e);
        }
    }

    /** A response whose body was read into memory (small answers only). */
    private record Answer(HttpResponse<InputStream> head, byte[] body) implements HttpResponse<byte[]> {
        @Override
        public int statusCode() {
            return head.statusCode();
        }

        @Override
        public HttpRequest request() {
            return head.request();
        }

        @Override
        public java.util.Optional<HttpResponse<byte[]>> previousResponse() {
            return java.util.Optional.empty();
        }

        @Override
        public java.net.http.HttpHeaders headers() {
            return head.headers();
        }

        @Override
        public java.util.Optional<javax.net.ssl.SSLSession> sslSession() {
            return head.sslSession();
        }

        @Override
        public URI uri() {
            return head.uri();
        }

        @Override
        public HttpClient.Version version() {
            return head.version();
        }
    }
}
