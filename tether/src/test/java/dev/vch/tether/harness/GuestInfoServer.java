package dev.vch.tether.harness;

import dev.vch.tether.guestinfo.GuestInfoText;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.Channels;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;

/**
 * The host end of the guestinfo line protocol (docs/design/guestinfo-channel.md section 2) on a
 * unix socket that qemu's {@code vsphere.guestinfo} port connects to; also writes the fw_cfg file.
 * A stand-in for the simulator's server, kept small for the tether's tests.
 */
public final class GuestInfoServer implements AutoCloseable {

    private final Map<String, String> entries = new TreeMap<>();
    private final ServerSocketChannel server;
    private final Path socket;

    public GuestInfoServer(Path socket, Map<String, String> initial) throws IOException {
        this.socket = socket;
        entries.putAll(initial);
        Files.deleteIfExists(socket);
        server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(socket));
        Thread.ofVirtual().name("guestinfo-accept").start(this::acceptLoop);
    }

    public Path socket() {
        return socket;
    }

    /** The section-1 file for {@code -fw_cfg name=opt/vsphere/guestinfo,file=...}. */
    public synchronized Path writeFwCfg(Path file) throws IOException {
        Map<String, String> gi = new TreeMap<>();
        entries.forEach((k, v) -> {
            if (k.startsWith("guestinfo.")) gi.put(k, v);
        });
        Files.writeString(file, GuestInfoText.format(gi));
        return file;
    }

    public synchronized Optional<String> get(String key) {
        return Optional.ofNullable(entries.get(key));
    }

    public synchronized Map<String, String> snapshot() {
        return new TreeMap<>(entries);
    }

    /** Waits until {@code key} is set (by the guest) and returns its value. */
    public synchronized String await(String key, Duration timeout) throws InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!entries.containsKey(key)) {
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new TimeoutException("guestinfo key " + key + " was not set within " + timeout + "; have " + entries.keySet());
            wait(Math.max(1, left / 1_000_000));
        }
        return entries.get(key);
    }

    private void acceptLoop() {
        while (server.isOpen()) {
            try {
                SocketChannel c = server.accept();
                Thread.ofVirtual().name("guestinfo-conn").start(() -> serve(c));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(SocketChannel c) {
        try (c; BufferedReader in = new BufferedReader(new InputStreamReader(Channels.newInputStream(c), StandardCharsets.UTF_8));
             OutputStream out = Channels.newOutputStream(c)) {
            String line;
            while ((line = in.readLine()) != null) {
                out.write(answer(line).getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (IOException e) {
            // the guest went away
        }
    }

    private synchronized String answer(String line) {
        String[] p = line.split(" ", 3);
        switch (p[0]) {
            case "get" -> {
                if (p.length < 2 || !p[1].startsWith("guestinfo.")) return "err bad key\n";
                String v = entries.get(p[1]);
                return v == null ? "none\n" : "ok " + GuestInfoText.escape(v) + "\n";
            }
            case "set" -> {
                if (p.length < 2 || !p[1].startsWith("guestinfo.")) return "err bad key\n";
                String v = p.length > 2 ? GuestInfoText.unescape(p[2]) : "";
                if (v.isEmpty()) entries.remove(p[1]);
                else entries.put(p[1], v);
                notifyAll();
                return "ok\n";
            }
            case "list" -> {
                String prefix = p.length > 1 ? p[1] : "";
                StringBuilder sb = new StringBuilder();
                int n = 0;
                for (Map.Entry<String, String> e : entries.entrySet()) {
                    if (e.getKey().startsWith(prefix)) {
                        sb.append(e.getKey()).append('=').append(GuestInfoText.escape(e.getValue())).append('\n');
                        n++;
                    }
                }
                return "ok " + n + "\n" + sb;
            }
            default -> {
                return "err unknown request\n";
            }
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        Files.deleteIfExists(socket);
    }
}
