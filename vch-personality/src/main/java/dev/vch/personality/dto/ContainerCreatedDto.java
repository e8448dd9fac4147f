package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Answer of {@code POST /containers/create} (also used for exec create with no warnings). */
public record ContainerCreatedDto(@JsonProperty("Id") String id, @JsonProperty("Warnings") List<String> warnings) {
}
