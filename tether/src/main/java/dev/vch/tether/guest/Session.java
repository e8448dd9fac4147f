package dev.vch.tether.guest;

import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guest.sys.Fd;
import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.protocol.Channel;
import dev.vch.tether.protocol.Message;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * One process the tether runs (the container's main process or an exec) and the link channels
 * attached to it. Output goes to every attached channel and into a bounded log for replay; a
 * channel that blocks holds the process back (as an attached docker client does).
 */
final class Session {

    private final String id;
    private final SessionConfig config;
    private final Launcher launcher;
    private final Consumer<Session> onChange;
    private final OutputLog log = new OutputLog(1 << 20);
    // exec output is never replayed (its one channel attaches before it starts): no copy kept
    private final boolean keepLog;
    private final List<Channel> attached = new ArrayList<>();
    private final CompletableFuture<Integer> exit = new CompletableFuture<>();
    private final CompletableFuture<Void> delivered = new CompletableFuture<>();
    // completes once the process runs (its stdin exists) or failed to start: stdin copying waits for it
    private final CompletableFuture<Void> launched = new CompletableFuture<>();
    private boolean starting;
    private volatile long pid;
    private volatile Launcher.Launched process;
    private OutputStream stdin;
    private volatile String error;
    private volatile Instant startTime;
    private volatile Instant stopTime;

    Session(String id, SessionConfig config, Launcher launcher, Consumer<Session> onChange, boolean keepLog) {
        this.keepLog = keepLog;
        this.id = id;
        this.config = config;
        this.launcher = launcher;
        this.onChange = onChange;
    }

    String id() {
        return id;
    }

    SessionConfig config() {
        return config;
    }

    /** Completes with the exit status (126/127 when the process could not start). */
    CompletableFuture<Integer> exit() {
        return exit;
    }

    /** Completes once the exit status reached at least one attached host. */
    CompletableFuture<Void> delivered() {
        return delivered;
    }

    String error() {
        return error;
    }

    Instant startTime() {
        return startTime;
    }

    Instant stopTime() {
        return stopTime;
    }

    long pid() {
        return pid;
    }

    /** Starts the process once; later calls do nothing. */
    void start() {
        synchronized (this) {
            if (starting) return;
            starting = true;
        }
        Launcher.Launched p;
        try {
            p = launcher.launch(config);
        } catch (StartFailure f) {
            error = f.getMessage();
            stopTime = Instant.now();
            Console.info("session " + id + " did not start: " + f.getMessage());
            exit.complete(f.exitCode());
            launched.complete(null);
            onChange.accept(this);
            finish(f.exitCode());
            return;
        }
        process = p;
        pid = p.pid();
        startTime = Instant.now();
        Console.info("session " + id + " started: pid " + p.pid());
        synchronized (this) {
            if (p.stdinFd() >= 0) stdin = Fd.output(p.stdinFd());
        }
        launched.complete(null);
        onChange.accept(this);
        CountDownLatch pumps = new CountDownLatch(p.stderrFd() >= 0 ? 2 : 1);
        pump(Message.STDOUT, p.stdoutFd(), pumps);
        if (p.stderrFd() >= 0) pump(Message.STDERR, p.stderrFd(), pumps);
        p.exit().thenAccept(w -> Threads.start("exit-" + id, () -> {
            try {
                // output a grandchild still holds open must not keep the exit from being reported
                pumps.await(2, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stopTime = Instant.now();
            int code = w.exitCode();
            Console.info("session " + id + " exited: " + code);
            synchronized (this) {
                closeStdin();
            }
            exit.complete(code);
            onChange.accept(this);
            finish(code);
        }));
    }

    /** Attaches a link channel: replays the kept output when asked, then streams live output; stdin when asked. */
    void attach(Channel c, boolean wantStdin, boolean replay) {
        c.onMessage(m -> control(m));
        synchronized (this) {
            try {
                if (replay) {
                    for (OutputLog.Chunk chunk : log.snapshot()) c.output(chunk.stream()).write(chunk.bytes());
                }
                if (exit.isDone()) {
                    sendExit(c, exit.join());
                    return;
                }
            } catch (IOException e) {
                c.reset("replay failed: " + e.getMessage());
                return;
            }
            attached.add(c);
        }
        c.done().thenRun(() -> {
            synchronized (this) {
                attached.remove(c);
            }
        });
        if (wantStdin && config.openStdin()) Threads.start("stdin-" + id, () -> copyStdin(c));
    }

    void signal(int signal) {
        if (pid > 0 && !exit.isDone()) Sys.kill(pid, signal);
    }

    private void control(Message m) {
        switch (m) {
            case Message.Resize r -> {
                Launcher.Launched p = process;
                if (p != null && p.pty() != null && !exit.isDone()) p.pty().resize(r.rows(), r.cols());
            }
            case Message.Signal s -> signal(s.signal());
            case Message.Start s -> Threads.start("start-" + id, this::start);
            default -> { }
        }
    }

    private void copyStdin(Channel c) {
        launched.join();
        byte[] buf = new byte[65536];
        try (InputStream in = c.input(Message.STDIN)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                OutputStream s;
                synchronized (this) {
                    s = stdin;
                }
                if (s == null) return;
                s.write(buf, 0, n);
            }
            // the host closed stdin: with StdinOnce (docker run -i) the process sees EOF
            if (config.stdinOnce() || !config.tty()) {
                synchronized (this) {
                    if (process != null && process.pty() == null) closeStdin();
                }
            }
        } catch (IOException e) {
            Console.debug("stdin of " + id + " ended: " + e.getMessage());
        }
    }

    private void closeStdin() {
        if (stdin != null && (process == null || process.pty() == null)) {
            try {
                stdin.close();
            } catch (IOException ignored) {
                // already closed
            }
        }
        stdin = null;
    }

    private void pump(int stream, int fd, CountDownLatch done) {
        Threads.start("out-" + stream + "-" + id, () -> {
            byte[] buf = new byte[256 * 1024];
            try (InputStream in = Fd.input(fd)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    synchronized (this) {
                        if (keepLog) log.append(stream, buf, 0, n);
                        for (Channel c : List.copyOf(attached)) {
                            try {
                                c.output(stream).write(buf, 0, n);
                            } catch (IOException e) {
                                attached.remove(c);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                Console.debug("output of " + id + " ended: " + e.getMessage());
            } finally {
                done.countDown();
            }
        });
    }

    private void finish(int code) {
        List<Channel> channels;
        synchronized (this) {
            channels = List.copyOf(attached);
            attached.clear();
        }
        for (Channel c : channels) sendExit(c, code);
    }

    private void sendExit(Channel c, int code) {
        try {
            c.output(Message.STDOUT).close();
            c.output(Message.STDERR).close();
            c.send(new Message.Exit(code, error == null ? "" : error));
            c.close();
            delivered.complete(null);
        } catch (IOException e) {
            Console.debug("could not report the exit of " + id + ": " + e.getMessage());
        }
    }
}
