package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/**
 * The registry call that trades credentials for a bearer token: GET on the challenge's realm
 * with service and scope (Docker's token authentication spec), basic auth when there are
 * credentials.
 */
final class TokenFetcher {

    private static final int MAX_TOKEN_RESPONSE = 1 << 20;

    /** A token and when to stop using it. */
    record Token(String value, Instant expires) {
        @Override
        public String toString() {
            return "Token[expires=" + expires + "]";
        }
    }

    private final RegistryTransport transport;

    TokenFetcher(RegistryTransport transport) {
        this.transport = transport;
    }

    Token fetch(AuthChallenge challenge, String scope, Credentials creds) {
        String realm = challenge.param("realm");
        if (realm == null || realm.isEmpty()) {
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE,
                    "Tried to authenticate with the registry but failed because its challenge names no realm");
        }
        StringBuilder q = new StringBuilder();
        if (challenge.param("service") != null) {
            q.append("service=").append(enc(challenge.param("service")));
        }
        String s = challenge.param("scope") != null ? challenge.param("scope") : scope;
        if (s != null && !s.isEmpty()) {
            q.append(q.isEmpty() ? "" : "&").append("scope=").append(enc(s));
        }
        URI uri = URI.create(realm + (q.isEmpty() ? "" : (realm.contains("?") ? "&" : "?") + q));
        HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
        if (!creds.anonymous()) {
            req.header("Authorization", creds.basicHeader());
        }
        HttpResponse<byte[]> resp = transport.sendBytes(req, MAX_TOKEN_RESPONSE, "fetch a registry token");
        if (resp.statusCode() == 401 || resp.statusCode() == 403) {
            throw new PortLayerException(PortLayerException.Kind.UNAUTHORIZED, "Get \"" + realm
                    + "\": unauthorized: incorrect username or password");
        }
        if (resp.statusCode() != 200) {
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to fetch a registry token from "
                    + realm + " but failed because it answered " + resp.statusCode());
        }
        try {
            JsonNode n = Json.MAPPER.readTree(resp.body());
            String token = n.path("token").asText(n.path("access_token").asText(""));
            if (token.isEmpty()) {
                throw new IOException("the answer holds no token");
            }
            long expiresIn = Math.max(60, n.path("expires_in").asLong(60));
            Instant issued = Instant.now();
            return new Token(token, issued.plusSeconds(expiresIn - 10));
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to fetch a registry token from "
                    + realm + " but failed because " + e.getMessage(), e);
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
