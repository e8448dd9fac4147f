package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/** {@code POST /auth}: the request (docker's lower-case names) and the answer. */
public final class AuthDto {
    private AuthDto() {
    }

    public record Request(@JsonProperty("username") String username, @JsonProperty("password") String password,
                          @JsonProperty("serveraddress") String serverAddress,
                          @JsonProperty("identitytoken") String identityToken) {
        @Override
        public String toString() {
            return "AuthDto.Request[username=" + username + ", serveraddress=" + serverAddress + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_EMPTY)
    public record Response(@JsonProperty("Status") String status,
                           @JsonProperty("IdentityToken") String identityToken) {
    }
}
