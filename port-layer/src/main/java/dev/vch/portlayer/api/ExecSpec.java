package dev.vch.portlayer.api;

import java.util.List;

/** An exec to create in a running container ({@code docker exec}). */
public record ExecSpec(List<String> cmd, List<String> env, String workingDir, String user, boolean tty,
                       boolean privileged, boolean attachStdin, boolean attachStdout, boolean attachStderr,
                       int consoleHeight, int consoleWidth) {
    public ExecSpec {
        cmd = cmd == null ? List.of() : List.copyOf(cmd);
        env = env == null ? List.of() : List.copyOf(env);
    }
}
