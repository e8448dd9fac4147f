package dev.vch.tether.guest;

import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.SessionConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** The container's main session, and exec sessions made from it (they inherit its env, user and dir). */
final class Sessions {

    private final ContainerConfig config;
    private final Launcher launcher;
    private final Session main;

    Sessions(ContainerConfig config, Launcher launcher, Consumer<Session> onMainChange) {
        this.config = config;
        this.launcher = launcher;
        this.main = new Session(config.id(), config.mainSession(), launcher, onMainChange, true);
    }

    Session main() {
        return main;
    }

    Optional<Session> find(String id) {
        return main.id().equals(id) ? Optional.of(main) : Optional.empty();
    }

    Session newExec(String execId, SessionConfig spec) {
        SessionConfig base = config.mainSession();
        Cmd cmd = spec.cmd();
        if (cmd == null || cmd.path() == null || cmd.path().isEmpty()) {
            throw new IllegalArgumentException("exec " + execId + " has no command");
        }
        List<String> env = new ArrayList<>(base.cmd() == null ? List.of() : base.cmd().env());
        for (String e : cmd.env()) {
            String name = e.contains("=") ? e.substring(0, e.indexOf('=') + 1) : e + "=";
            env.removeIf(x -> x.startsWith(name));
            env.add(e);
        }
        String dir = cmd.dir() != null && !cmd.dir().isEmpty() ? cmd.dir() : base.cmd() == null ? null : base.cmd().dir();
        String user = spec.user() != null && !spec.user().isEmpty() ? spec.user() : base.user();
        SessionConfig merged = new SessionConfig(spec.common(), new Cmd(cmd.path(), cmd.args(), env, dir), spec.tty(),
                spec.attach(), spec.openStdin(), spec.stdinOnce(), user, spec.stopSignal(), false, null, null, null);
        return new Session(execId, merged, launcher, s -> { }, false);
    }
}
