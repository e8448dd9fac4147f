package dev.vch.personality.fake;

import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;

/**
 * A scripted "process" standing in for a containerVM's: it understands a few commands
 * ({@code echo}, {@code cat}, {@code sh -c "exit N"}, {@code stderr TEXT}, {@code sleep})
 * and streams their output to the attached sinks, keeping a log for {@code docker logs}.
 */
final class FakeProcess {
    private static final byte[] EOF = new byte[0];

    private final List<String> command;
    private final boolean tty;
    private final BlockingQueue<byte[]> stdin = new LinkedBlockingQueue<>();
    private final List<OutputSink> sinks = new CopyOnWriteArrayList<>();
    private final List<Chunk> log = new CopyOnWriteArrayList<>();
    private final CountDownLatch killed = new CountDownLatch(1);

    record Chunk(StdStream stream, byte[] data) {
    }

    FakeProcess(List<String> command, boolean tty) {
        this.command = List.copyOf(command);
        this.tty = tty;
    }

    void addSink(OutputSink sink) {
        sinks.add(sink);
    }

    void removeSink(OutputSink sink) {
        sinks.remove(sink);
    }

    List<Chunk> log() {
        return new ArrayList<>(log);
    }

    void writeStdin(byte[] data) {
        stdin.add(data);
    }

    void closeStdin() {
        stdin.add(EOF);
    }

    void kill() {
        killed.countDown();
        stdin.add(EOF);
    }

    /**
     * Runs to completion on the calling thread. {@code onExit} sees the exit code before the
     * sinks are ended, so whoever reads the stream's end finds the exit recorded.
     */
    void run(java.util.function.IntConsumer onExit) {
        int code;
        try {
            code = execute();
        } catch (InterruptedException e) {
            code = 137;
        }
        onExit.accept(code);
        for (OutputSink sink : sinks) {
            sink.end(null);
        }
        sinks.clear();
    }

    private int execute() throws InterruptedException {
        String program = command.isEmpty() ? "" : command.getFirst();
        List<String> args = command.isEmpty() ? List.of() : command.subList(1, command.size());
        switch (program) {
            case "echo" -> {
                emit(StdStream.STDOUT, String.join(" ", args) + "\n");
                return 0;
            }
            case "stderr" -> {
                emit(StdStream.STDERR, String.join(" ", args) + "\n");
                return 2;
            }
            case "cat" -> {
                while (true) {
                    byte[] chunk = stdin.take();
                    if (chunk == EOF) {
                        return killed.getCount() == 0 ? 137 : 0;
                    }
                    emit(StdStream.STDOUT, chunk);
                }
            }
            case "sh" -> {
                if (args.size() == 2 && args.get(0).equals("-c") && args.get(1).startsWith("exit ")) {
                    return Integer.parseInt(args.get(1).substring(5).trim());
                }
                emit(StdStream.STDERR, "sh: only 'sh -c \"exit N\"' is scripted\n");
                return 127;
            }
            case "sleep" -> {
                killed.await();
                return 137;
            }
            default -> {
                emit(StdStream.STDERR, program + ": not found\n");
                return 127;
            }
        }
    }

    private void emit(StdStream stream, String text) {
        emit(stream, text.getBytes(StandardCharsets.UTF_8));
    }

    private void emit(StdStream stream, byte[] data) {
        // a TTY merges stderr into stdout and turns LF into CRLF, as a real one would
        StdStream s = tty ? StdStream.STDOUT : stream;
        byte[] d = tty ? new String(data, StandardCharsets.UTF_8).replace("\n", "\r\n")
                .getBytes(StandardCharsets.UTF_8) : data;
        log.add(new Chunk(s, d));
        for (OutputSink sink : sinks) {
            sink.write(s, d.clone());
        }
    }
}
