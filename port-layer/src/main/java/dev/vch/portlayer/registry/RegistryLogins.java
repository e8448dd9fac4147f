package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.image.store.Reference;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Credentials of {@code docker login}s, in memory only (an appliance restart forgets them, as
 * VIC's does), by registry domain; and the credentials a pull uses.
 */
public final class RegistryLogins {

    private final Map<String, Credentials> logins = new ConcurrentHashMap<>();

    /** "https://index.docker.io/v1/", "localhost:5000", "http://r.example/" -> the reference domain. */
    public static String domainOf(String serverAddress) {
        if (serverAddress == null || serverAddress.isBlank()) {
            return Reference.DOCKER_HUB;
        }
        String s = serverAddress.trim().replaceFirst("^[a-zA-Z]+://", "");
        int slash = s.indexOf('/');
        s = (slash < 0 ? s : s.substring(0, slash)).toLowerCase(java.util.Locale.ROOT);
        return s.equals("index.docker.io") || s.equals("registry-1.docker.io") ? Reference.DOCKER_HUB : s;
    }

    public void remember(String domain, Credentials creds) {
        logins.put(domain, creds);
    }

    /**
     * What a pull from {@code domain} authenticates with: the request's own credentials
     * (X-Registry-Auth) when it has some, else a login's, else none.
     */
    public Credentials forPull(String domain, RegistryAuth auth) {
        if (auth != null && auth.username() != null && !auth.username().isEmpty()) {
            return new Credentials(auth.username(), auth.password());
        }
        return logins.getOrDefault(domain, Credentials.ANONYMOUS);
    }
}
