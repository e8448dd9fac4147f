package dev.vch.portlayer.registry;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** A user name and password (or token) for a registry. {@link #toString} hides the secret. */
public record Credentials(String username, String password) {

    public static final Credentials ANONYMOUS = new Credentials("", "");

    public Credentials {
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }

    public boolean anonymous() {
        return username.isEmpty() && password.isEmpty();
    }

    String basicHeader() {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password)
                .getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
