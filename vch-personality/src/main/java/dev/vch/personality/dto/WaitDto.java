package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Body of {@code POST /containers/{id}/wait}: {@code Error} is null when there was none. */
public record WaitDto(@JsonProperty("StatusCode") int statusCode, @JsonProperty("Error") ErrorDto error) {

    public record ErrorDto(@JsonProperty("Message") String message) {
    }
}
