package dev.vch.portlayer.api;

/**
 * Registry credentials as the client sent them ({@code X-Registry-Auth} or {@code /auth}).
 * Never log this record: {@link #toString} hides the secrets.
 */
public record RegistryAuth(String username, String password, String serverAddress, String identityToken) {
    public static final RegistryAuth ANONYMOUS = new RegistryAuth(null, null, null, null);

    @Override
    public String toString() {
        return "RegistryAuth[username=" + username + ", serverAddress=" + serverAddress + "]";
    }
}
