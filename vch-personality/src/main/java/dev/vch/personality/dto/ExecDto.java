package dev.vch.personality.dto;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** Exec: create request, start request and inspect answer. */
public final class ExecDto {
    private ExecDto() {
    }

    public record Create(@JsonProperty("AttachStdin") boolean attachStdin,
                         @JsonProperty("AttachStdout") boolean attachStdout,
                         @JsonProperty("AttachStderr") boolean attachStderr,
                         @JsonProperty("ConsoleSize") List<Integer> consoleSize,
                         @JsonProperty("DetachKeys") String detachKeys, @JsonProperty("Tty") boolean tty,
                         @JsonProperty("Env") List<String> env, @JsonProperty("Cmd") List<String> cmd,
                         @JsonProperty("Privileged") boolean privileged, @JsonProperty("User") String user,
                         @JsonProperty("WorkingDir") String workingDir) {
    }

    public record Start(@JsonProperty("Detach") boolean detach, @JsonProperty("Tty") boolean tty,
                        @JsonProperty("ConsoleSize") List<Integer> consoleSize) {
    }

    public record Inspect(@JsonProperty("ID") String id, @JsonProperty("Running") boolean running,
                          @JsonProperty("ExitCode") Integer exitCode,
                          @JsonProperty("ProcessConfig") ProcessConfig processConfig,
                          @JsonProperty("OpenStdin") boolean openStdin, @JsonProperty("OpenStderr") boolean openStderr,
                          @JsonProperty("OpenStdout") boolean openStdout, @JsonProperty("CanRemove") boolean canRemove,
                          @JsonProperty("ContainerID") String containerId,
                          @JsonProperty("DetachKeys") String detachKeys, @JsonProperty("Pid") int pid) {
    }

    public record ProcessConfig(@JsonProperty("privileged") boolean privileged, @JsonProperty("user") String user,
                                @JsonProperty("tty") boolean tty, @JsonProperty("entrypoint") String entrypoint,
                                @JsonProperty("arguments") List<String> arguments) {
    }
}
