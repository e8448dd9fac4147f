package dev.vch.tether.guest;

import dev.vch.tether.TetherException;
import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guest.sys.Libc;
import dev.vch.tether.guest.sys.Pty;
import dev.vch.tether.guest.sys.Reaper;
import dev.vch.tether.guest.sys.SpawnSpec;
import dev.vch.tether.guest.sys.Spawner;
import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.guest.sys.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** Turns a session's config into a running process: user, program, environment, directory, stdio. */
final class Launcher {

    /** A started process and the tether's ends of its stdio (-1 where there is none). */
    record Launched(long pid, CompletableFuture<Sys.Waited> exit, Pty pty, int stdinFd, int stdoutFd, int stderrFd) {
    }

    private final Spawner spawner;
    private final Reaper reaper;
    private final String hostname;

    Launcher(Spawner spawner, Reaper reaper, String hostname) {
        this.spawner = spawner;
        this.reaper = reaper;
        this.hostname = hostname;
    }

    Launched launch(SessionConfig config) {
        Cmd cmd = config.cmd();
        if (cmd == null) throw new StartFailure(StartFailure.NOT_FOUND, "exec: \"\": executable file not found in $PATH");
        Users.Credentials who;
        try {
            who = Users.resolve(config.user(), read("/etc/passwd"), read("/etc/group"));
        } catch (TetherException e) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE, e.getMessage());
        }
        List<String> env = environment(cmd.env(), who, config.tty());
        String dir = workingDir(cmd.dir());
        String path = Commands.resolve(cmd.path(), env);
        Pty pty = null;
        int[] in = null;
        int[] out = null;
        int[] err = null;
        SpawnSpec spec;
        if (config.tty()) {
            pty = Pty.open(24, 80);
            pty.grantTo(who.uid(), 5);
            spec = new SpawnSpec(path, cmd.argv(), env, dir, who.uid(), who.gid(), who.groups(), pty.slavePath(), -1, -1, -1);
        } else {
            in = config.openStdin() ? Sys.pipe() : null;
            out = Sys.pipe();
            err = Sys.pipe();
            Sys.growPipe(out[0], 1 << 20);
            spec = new SpawnSpec(path, cmd.argv(), env, dir, who.uid(), who.gid(), who.groups(), null,
                    in == null ? -1 : in[0], out[1], err[1]);
        }
        long pid;
        try {
            pid = spawner.spawn(spec);
        } catch (SysException e) {
            if (pty != null) Sys.close(pty.master());
            if (in != null) Sys.close(in[1]);
            if (out != null) Sys.close(out[0]);
            if (err != null) Sys.close(err[0]);
            throw spawnFailure(cmd.path(), path, e);
        } finally {
            // the child has its copies; ours must go so that EOF reaches the readers
            if (pty != null) Sys.close(pty.slave());
            if (in != null) Sys.close(in[0]);
            if (out != null) Sys.close(out[1]);
            if (err != null) Sys.close(err[1]);
        }
        CompletableFuture<Sys.Waited> exit = reaper.register(pid);
        if (pty != null) return new Launched(pid, exit, pty, config.openStdin() ? pty.master() : -1, pty.master(), -1);
        return new Launched(pid, exit, null, in == null ? -1 : in[1], out[0], err[0]);
    }

    private static StartFailure spawnFailure(String command, String path, SysException e) {
        return switch (e.errno()) {
            case Libc.ENOENT -> new StartFailure(StartFailure.NOT_FOUND, "exec: \"" + command + "\": stat " + path + ": no such file or directory");
            case Libc.EACCES -> new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": permission denied");
            case Libc.ENOEXEC -> new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": exec format error");
            default -> new StartFailure(StartFailure.CANNOT_INVOKE, "exec: \"" + command + "\": " + SysException.describe(e.errno()));
        };
    }

    private List<String> environment(List<String> given, Users.Credentials who, boolean tty) {
        List<String> env = new ArrayList<>(given);
        addDefault(env, "PATH", Commands.DEFAULT_PATH);
        addDefault(env, "HOSTNAME", hostname);
        addDefault(env, "HOME", who.home());
        if (tty) addDefault(env, "TERM", "xterm");
        return env;
    }

    private static void addDefault(List<String> env, String name, String value) {
        for (String e : env) {
            if (e.startsWith(name + "=")) return;
        }
        env.add(name + "=" + value);
    }

    private static String workingDir(String dir) {
        if (dir == null || dir.isEmpty()) return "/";
        Path p = Path.of(dir);
        if (Files.isDirectory(p)) return dir;
        if (Files.exists(p)) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE,
                    "chdir to cwd (\"" + dir + "\") set in config.json failed: not a directory");
        }
        try {
            // Docker creates a missing working directory
            Files.createDirectories(p);
            return dir;
        } catch (IOException e) {
            throw new StartFailure(StartFailure.CANNOT_INVOKE,
                    "chdir to cwd (\"" + dir + "\") set in config.json failed: " + e.getMessage());
        }
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            return "";
        }
    }
}
