package dev.vch.portlayer.api;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An image in the VCH's image store.
 *
 * @param id          "sha256:..." of the image config
 * @param repoTags    normalised "repo:tag" names, e.g. "busybox:latest" for Docker Hub
 * @param repoDigests "repo@sha256:..." names
 * @param parentId    "" when none
 * @param size        bytes of the unpacked filesystem
 */
public record Image(String id, List<String> repoTags, List<String> repoDigests, String parentId, Instant created,
                    long size, String os, String architecture, Config config) {
    public Image {
        repoTags = repoTags == null ? List.of() : List.copyOf(repoTags);
        repoDigests = repoDigests == null ? List.of() : List.copyOf(repoDigests);
        parentId = parentId == null ? "" : parentId;
    }

    /** The image's run defaults (from its config blob). */
    public record Config(List<String> cmd, List<String> entrypoint, List<String> env, String workingDir,
                         String user, Set<String> exposedPorts, Set<String> volumes, Map<String, String> labels,
                         String stopSignal) {
        public Config {
            cmd = cmd == null ? List.of() : List.copyOf(cmd);
            entrypoint = entrypoint == null ? List.of() : List.copyOf(entrypoint);
            env = env == null ? List.of() : List.copyOf(env);
            exposedPorts = exposedPorts == null ? Set.of() : Set.copyOf(exposedPorts);
            volumes = volumes == null ? Set.of() : Set.copyOf(volumes);
            labels = labels == null ? Map.of() : Map.copyOf(labels);
        }
    }
}
