package dev.vch.portlayer.container;

import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.api.Subscription;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Container output kept by the appliance in its own directory, one file per container, so
 * that {@code docker logs} works after the container exited and after a VCH restart. Each
 * record: epoch nanos (8), stream (1), length (4), bytes. Followers get new records live
 * until the container stops ({@link #stopped}).
 */
public final class LogStore {
    private static final DateTimeFormatter RFC3339_NANO =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.nnnnnnnnn'Z'").withZone(ZoneOffset.UTC);

    private final Path dir;
    private final Map<String, List<Follower>> followers = new ConcurrentHashMap<>();
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    public LogStore(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot create log directory " + dir, e);
        }
    }

    public Path file(String id) {
        return dir.resolve(id + ".log");
    }

    /** The ids whose logs are kept (for the log server). */
    public List<String> ids() {
        try (var s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".log"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            return List.of();
        }
    }

    public void append(String id, StdStream stream, byte[] data) {
        Instant now = Instant.now();
        long nanos = now.getEpochSecond() * 1_000_000_000L + now.getNano();
        synchronized (lock(id)) {
            try (OutputStream raw = Files.newOutputStream(file(id), StandardOpenOption.CREATE, StandardOpenOption.APPEND);
                 DataOutputStream out = new DataOutputStream(raw)) {
                out.writeLong(nanos);
                out.writeByte(stream.number());
                out.writeInt(data.length);
                out.write(data);
            } catch (IOException e) {
                throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot write the log of " + id, e);
            }
            for (Follower f : followers.getOrDefault(id, List.of())) {
                f.deliver(new Record(now, stream, data));
            }
        }
    }

    /** Ends every follower of {@code id}: the container stopped. */
    public void stopped(String id) {
        List<Follower> fs = followers.remove(id);
        if (fs != null) {
            fs.forEach(f -> f.sink.end(null));
        }
    }

    public void delete(String id) {
        stopped(id);
        locks.remove(id);
        try {
            Files.deleteIfExists(file(id));
        } catch (IOException ignored) {
            // a stale log file is harmless; the id is never reused
        }
    }

    /**
     * Writes the log to {@code sink} under {@code options}; with follow and {@code running}, keeps
     * delivering until the container stops or the subscription is closed.
     */
    public Subscription read(String id, LogOptions options, boolean running, OutputSink sink) {
        Follower follower = new Follower(options, sink);
        List<Record> records;
        synchronized (lock(id)) {
            records = readAll(id);
            if (options.follow() && running) {
                followers.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>()).add(follower);
            }
        }
        List<Line> lines = new ArrayList<>();
        for (Record r : records) {
            if (wanted(options, r)) {
                splitLines(r, lines);
            }
        }
        int from = options.tail() < 0 ? 0 : Math.max(0, lines.size() - options.tail());
        for (Line l : lines.subList(from, lines.size())) {
            follower.write(l.stream, l.time, l.bytes);
        }
        if (!(options.follow() && running)) {
            sink.end(null);
            return () -> { };
        }
        return () -> {
            List<Follower> fs = followers.get(id);
            if (fs != null && fs.remove(follower)) {
                sink.end(null);
            }
        };
    }

    private Object lock(String id) {
        return locks.computeIfAbsent(id, k -> new Object());
    }

    private List<Record> readAll(String id) {
        List<Record> out = new ArrayList<>();
        Path f = file(id);
        if (!Files.exists(f)) {
            return out;
        }
        try (InputStream raw = Files.newInputStream(f);
             DataInputStream in = new DataInputStream(new BufferedInputStream(raw))) {
            while (true) {
                long nanos;
                try {
                    nanos = in.readLong();
                } catch (EOFException end) {
                    break;
                }
                int stream = in.readByte();
                byte[] data = new byte[in.readInt()];
                in.readFully(data);
                out.add(new Record(Instant.ofEpochSecond(0, nanos), stream == 2 ? StdStream.STDERR : StdStream.STDOUT,
                        data));
            }
        } catch (EOFException truncated) {
            // a record cut short by a crash: everything before it is good
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "cannot read the log of " + id, e);
        }
        return out;
    }

    private static boolean wanted(LogOptions o, Record r) {
        if (r.stream == StdStream.STDOUT && !o.stdout() || r.stream == StdStream.STDERR && !o.stderr()) {
            return false;
        }
        if (o.since() != null && r.time.isBefore(o.since())) {
            return false;
        }
        return o.until() == null || r.time.isBefore(o.until());
    }

    private static void splitLines(Record r, List<Line> out) {
        int start = 0;
        for (int i = 0; i < r.data.length; i++) {
            if (r.data[i] == '\n') {
                out.add(new Line(r.stream, r.time, java.util.Arrays.copyOfRange(r.data, start, i + 1)));
                start = i + 1;
            }
        }
        if (start < r.data.length) {
            out.add(new Line(r.stream, r.time, java.util.Arrays.copyOfRange(r.data, start, r.data.length)));
        }
    }

    private record Record(Instant time, StdStream stream, byte[] data) {
    }

    private record Line(StdStream stream, Instant time, byte[] bytes) {
    }

    private static final class Follower {
        final LogOptions options;
        final OutputSink sink;

        Follower(LogOptions options, OutputSink sink) {
            this.options = options;
            this.sink = sink;
        }

        void deliver(Record r) {
            if (wanted(options, r)) {
                List<Line> lines = new ArrayList<>();
                splitLines(r, lines);
                lines.forEach(l -> write(l.stream, l.time, l.bytes));
            }
        }

        void write(StdStream stream, Instant time, byte[] bytes) {
            if (!options.timestamps()) {
                sink.write(stream, bytes);
                return;
            }
            byte[] prefix = (RFC3339_NANO.format(time) + " ").getBytes(StandardCharsets.UTF_8);
            byte[] out = new byte[prefix.length + bytes.length];
            System.arraycopy(prefix, 0, out, 0, prefix.length);
            System.arraycopy(bytes, 0, out, prefix.length, bytes.length);
            sink.write(stream, out);
        }
    }
}
