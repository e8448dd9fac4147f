package dev.vch.portlayer.registry;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Answers registry challenges: bearer tokens fetched from the realm and cached per registry,
 * scope and user until they expire; basic auth where the registry asks for it.
 */
final class Authenticator {

    private final TokenFetcher tokens;
    private final Map<String, TokenFetcher.Token> cache = new ConcurrentHashMap<>();
    private final Map<String, Boolean> basicRegistries = new ConcurrentHashMap<>();

    Authenticator(TokenFetcher tokens) {
        this.tokens = tokens;
    }

    /** The Authorization header to send up front, or null to try without. */
    String cached(String domain, String scope, Credentials creds) {
        if (basicRegistries.containsKey(domain) && !creds.anonymous()) {
            return creds.basicHeader();
        }
        TokenFetcher.Token t = cache.get(key(domain, scope, creds));
        if (t != null && t.expires().isAfter(Instant.now())) {
            return "Bearer " + t.value();
        }
        return null;
    }

    /** The header that answers {@code challenge}, or null when there is nothing to answer it with. */
    String answer(AuthChallenge challenge, String domain, String scope, Credentials creds) {
        if (challenge == null) {
            return null;
        }
        if (challenge.basic()) {
            basicRegistries.put(domain, true);
            return creds.anonymous() ? null : creds.basicHeader();
        }
        if (challenge.bearer()) {
            TokenFetcher.Token t = tokens.fetch(challenge, scope, creds);
            cache.put(key(domain, scope, creds), t);
            return "Bearer " + t.value();
        }
        return null;
    }

    /** Forgets a token the registry refused (revoked or expired early). */
    void forget(String domain, String scope, Credentials creds) {
        cache.remove(key(domain, scope, creds));
    }

    private static String key(String domain, String scope, Credentials creds) {
        return domain + "\n" + scope + "\n" + creds.username() + "\n" + Integer.toHexString(creds.password().hashCode());
    }
}
