package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Images: list entry, inspect answer, delete lines. */
public final class ImageDto {
    private ImageDto() {
    }

    public record Summary(@JsonProperty("Id") String id, @JsonProperty("ParentId") String parentId,
                          @JsonProperty("RepoTags") List<String> repoTags,
                          @JsonProperty("RepoDigests") List<String> repoDigests,
                          @JsonProperty("Created") long created, @JsonProperty("Size") long size,
                          @JsonProperty("SharedSize") long sharedSize,
                          @JsonProperty("Labels") Map<String, String> labels,
                          @JsonProperty("Containers") int containers) {
    }

    public record Inspect(@JsonProperty("Id") String id, @JsonProperty("RepoTags") List<String> repoTags,
                          @JsonProperty("RepoDigests") List<String> repoDigests,
                          @JsonProperty("Parent") String parent, @JsonProperty("Comment") String comment,
                          @JsonProperty("Created") String created, @JsonProperty("Author") String author,
                          @JsonProperty("Config") Config config, @JsonProperty("Architecture") String architecture,
                          @JsonProperty("Os") String os, @JsonProperty("Size") long size,
                          @JsonProperty("RootFS") Map<String, Object> rootFs) {
    }

    public record Config(@JsonProperty("User") String user, @JsonProperty("Env") List<String> env,
                         @JsonProperty("Cmd") List<String> cmd, @JsonProperty("Entrypoint") List<String> entrypoint,
                         @JsonProperty("WorkingDir") String workingDir,
                         @JsonProperty("ExposedPorts") Map<String, Object> exposedPorts,
                         @JsonProperty("Volumes") Map<String, Object> volumes,
                         @JsonProperty("Labels") Map<String, String> labels,
                         @JsonProperty("StopSignal") String stopSignal) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    /** One line of GET /images/{name}/history. */
    public record History(@JsonProperty("Id") String id, @JsonProperty("Created") long created,
                          @JsonProperty("CreatedBy") String createdBy, @JsonProperty("Tags") List<String> tags,
                          @JsonProperty("Size") long size, @JsonProperty("Comment") String comment) {
    }

    public record Deleted(@JsonProperty("Untagged") String untagged, @JsonProperty("Deleted") String deleted) {
    }
}
