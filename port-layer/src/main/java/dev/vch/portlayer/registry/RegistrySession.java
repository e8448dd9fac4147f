package dev.vch.portlayer.registry;

import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/**
 * One repository on one registry with one set of credentials: sends {@code /v2/<name>/...}
 * requests with the right Authorization, answering a 401 challenge once per request.
 */
final class RegistrySession {

    private final RegistryTransport transport;
    private final Authenticator auth;
    private final String domain;
    private final String repository;
    private final URI base;
    private final Credentials creds;
    private final String scope;

    RegistrySession(RegistryTransport transport, Authenticator auth, String domain, String repository, URI base,
                    Credentials creds) {
        this.transport = transport;
        this.auth = auth;
        this.domain = domain;
        this.repository = repository;
        this.base = base;
        this.creds = creds;
        this.scope = repository.isEmpty() ? "" : "repository:" + repository + ":pull";
    }

    String domain() {
        return domain;
    }

    String repository() {
        return repository;
    }

    URI base() {
        return base;
    }

    /** {@code /v2/<repository>/<path>} on this registry. */
    URI uri(String path) {
        return base.resolve("/v2/" + (repository.isEmpty() ? "" : repository + "/") + path);
    }

    HttpResponse<InputStream> get(URI uri, Map<String, String> headers, String what) {
        return exchange(uri, headers, what, 0).stream;
    }

    HttpResponse<byte[]> getBytes(URI uri, Map<String, String> headers, int limit, String what) {
        return exchange(uri, headers, what, limit).bytes;
    }

    private record Exchange(HttpResponse<InputStream> stream, HttpResponse<byte[]> bytes) {
        int status() {
            return stream != null ? stream.statusCode() : bytes.statusCode();
        }

        java.net.http.HttpHeaders headers() {
            return stream != null ? stream.headers() : bytes.headers();
        }
    }

    /** {@code limit} 0: stream the body; otherwise read at most that many bytes. */
    private Exchange exchange(URI uri, Map<String, String> headers, String what, int limit) {
        String authorization = auth.cached(domain, scope, creds);
        Exchange ex = send(uri, headers, authorization, what, limit);
        if (ex.status() == 401) {
            if (authorization != null && authorization.startsWith("Bearer ")) {
                auth.forget(domain, scope, creds);
            }
            AuthChallenge challenge = AuthChallenge.parse(ex.headers().firstValue("WWW-Authenticate").orElse(null));
            String answer = auth.answer(challenge, domain, scope, creds);
            if (answer != null && !answer.equals(authorization)) {
                close(ex);
                ex = send(uri, headers, answer, what, limit);
            }
        }
        return ex;
    }

    private Exchange send(URI uri, Map<String, String> headers, String authorization, String what, int limit) {
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
        headers.forEach(req::header);
        if (authorization != null) {
            req.header("Authorization", authorization);
        }
        return limit > 0 ? new Exchange(null, transport.sendBytes(req, limit, what))
                : new Exchange(transport.send(req, what), null);
    }

    /** The Authorization header this session would send now (for following a same-host redirect). */
    String authorization() {
        return auth.cached(domain, scope, creds);
    }

    RegistryTransport transport() {
        return transport;
    }

    private static void close(Exchange ex) {
        if (ex.stream != null) {
            try {
                ex.stream.body().close();
            } catch (java.io.IOException ignored) {
                // a refused answer's body is not needed
            }
        }
    }
}
