package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** What /proc says about a process, and process-group signals (Java cannot signal a group). */
final class ProcInfo {

    private ProcInfo() {
    }

    /** The argv of {@code pid}, or empty when there is no such process (or it is a zombie). */
    static Optional<List<String>> cmdline(long pid) {
        return nulSeparated(Path.of("/proc", String.valueOf(pid), "cmdline"));
    }

    /** The environment of {@code pid} as it was at exec. */
    static Optional<Map<String, String>> environ(long pid) {
        return nulSeparated(Path.of("/proc", String.valueOf(pid), "environ")).map(list -> {
            Map<String, String> env = new HashMap<>();
            for (String kv : list) {
                int eq = kv.indexOf('=');
                if (eq > 0) env.put(kv.substring(0, eq), kv.substring(eq + 1));
            }
            return env;
        });
    }

    private static Optional<List<String>> nulSeparated(Path file) {
        try {
            byte[] raw = Files.readAllBytes(file);
            if (raw.length == 0) {
                return Optional.empty();
            }
            List<String> parts = new ArrayList<>();
            int start = 0;
            for (int i = 0; i < raw.length; i++) {
                if (raw[i] == 0) {
                    parts.add(new String(raw, start, i - start, StandardCharsets.UTF_8));
                    start = i + 1;
                }
            }
            if (start < raw.length) parts.add(new String(raw, start, raw.length - start, StandardCharsets.UTF_8));
            return Optional.of(parts);
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** Sends {@code signal} (TERM, KILL) to the process group {@code pgid}; false if the group is gone. */
    static boolean signalGroup(long pgid, String signal) {
        try {
            Process p = new ProcessBuilder("kill", "-" + signal, "--", "-" + pgid)
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            return p.waitFor(5, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** {@code setsid} in front of a command, when available, so VMs live in their own session (a Ctrl-C on the simulator's terminal does not reach them). */
    static List<String> detached(List<String> command) {
        if (Files.isExecutable(Path.of("/usr/bin/setsid"))) {
            List<String> c = new ArrayList<>(command.size() + 1);
            c.add("/usr/bin/setsid");
            c.addAll(command);
            return c;
        }
        return command;
    }

    /** The last {@code max} characters of a log file, for error messages. */
    static String tail(Path log, int max) {
        try {
            String s = Files.readString(log, StandardCharsets.UTF_8).strip();
            return s.length() > max ? "..." + s.substring(s.length() - max) : s;
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    /**
     * Completes with the exit code of a process we started, as soon as it ends. A virtual thread
     * waits for it: {@link Process#onExit()} runs its completion in the common pool, which a busy
     * JVM may starve for seconds (a VM would stay poweredOn that long after its qemu ended).
     */
    static CompletableFuture<Integer> exitOf(Process child) {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread.ofVirtual().name("exit-watch-" + child.pid()).start(() -> {
            while (true) {
                try {
                    code.complete(child.waitFor());
                    return;
                } catch (InterruptedException e) {
                    // nobody interrupts this thread on purpose: keep watching
                }
            }
        });
        return code;
    }

    /**
     * Completes with -1 (the exit code of a process that is not our child is unknowable) when
     * {@code process} ends. Only our children can be waited for, so a reattached process is
     * looked at every {@value #NOT_A_CHILD_POLL_MILLIS} ms.
     */
    static CompletableFuture<Integer> exitOf(ProcessHandle process) {
        CompletableFuture<Integer> code = new CompletableFuture<>();
        Thread.ofVirtual().name("exit-watch-" + process.pid()).start(() -> {
            while (process.isAlive()) {
                try {
                    Thread.sleep(NOT_A_CHILD_POLL_MILLIS);
                } catch (InterruptedException e) {
                    // nobody interrupts this thread on purpose: keep watching
                }
            }
            code.complete(-1);
        });
        return code;
    }

    static final long NOT_A_CHILD_POLL_MILLIS = 200;

    /** Waits up to {@code seconds} for {@code exited}; true once it completed (however). */
    static boolean await(CompletableFuture<?> exited, int seconds) {
        try {
            exited.get(seconds, TimeUnit.SECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return exited.isDone();
        }
    }
}
