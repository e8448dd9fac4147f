package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The guest end of the embedded endpoint's guestinfo line protocol (section 2 of
 * docs/design/guestinfo-channel.md) over any byte stream: in the guest the virtio-serial port
 * {@code vsphere.guestinfo}; for a host-process VM the TCP address in {@code VSPHERE_GUESTINFO}.
 * One request at a time (calls are synchronized).
 */
public final class LineGuestInfoChannel implements GuestInfoChannel {

    private final InputStream in;
    private final OutputStream out;
    private final AutoCloseable transport;

    public LineGuestInfoChannel(InputStream in, OutputStream out, AutoCloseable transport) {
        this.in = in;
        this.out = out;
        this.transport = transport;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        checkKey(key);
        String reply = request("get " + key);
        if (reply.equals("none")) return Optional.empty();
        return Optional.of(GuestInfoText.unescape(ok(reply, "get " + key)));
    }

    @Override
    public synchronized void set(String key, String value) {
        checkKey(key);
        ok(request("set " + key + " " + GuestInfoText.escape(value)), "set " + key);
    }

    @Override
    public synchronized Map<String, String> list(String prefix) {
        String head = ok(request("list " + prefix), "list " + prefix);
        int n;
        try {
            n = Integer.parseInt(head.trim());
        } catch (NumberFormatException e) {
            throw failed("list " + prefix, "bad count \"" + head + "\"");
        }
        Map<String, String> all = new TreeMap<>();
        for (int i = 0; i < n; i++) {
            String line = readLine();
            int eq = line.indexOf('=');
            if (eq > 0) all.put(line.substring(0, eq), GuestInfoText.unescape(line.substring(eq + 1)));
        }
        return all;
    }

    @Override
    public void close() {
        try {
            transport.close();
        } catch (Exception ignored) {
            // nothing left to do with a channel we are done with
        }
    }

    private static void checkKey(String key) {
        if (!key.startsWith("guestinfo.") || key.contains(" ") || key.contains("=") || key.contains("\n")) {
            throw new TetherException(TetherException.Kind.INVALID_CONFIG, "not a guestinfo key: " + key);
        }
    }

    private String request(String line) {
        try {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            throw new TetherException(TetherException.Kind.UNAVAILABLE, "guestinfo channel: cannot send " + firstWord(line) + ": " + e.getMessage(), e);
        }
        return readLine();
    }

    private String ok(String reply, String what) {
        if (reply.equals("ok")) return "";
        if (reply.startsWith("ok ")) return reply.substring(3);
        throw failed(what, reply);
    }

    private TetherException failed(String what, String reply) {
        return new TetherException(TetherException.Kind.UNAVAILABLE, "guestinfo " + what + " failed: " + reply);
    }

    private String readLine() {
        ByteArrayOutputStream line = new ByteArrayOutputStream(128);
        try {
            while (true) {
                int b = in.read();
                if (b < 0) throw new TetherException(TetherException.Kind.UNAVAILABLE, "guestinfo channel closed");
                if (b == '\n') return line.toString(StandardCharsets.UTF_8);
                line.write(b);
            }
        } catch (IOException e) {
            throw new TetherException(TetherException.Kind.UNAVAILABLE, "guestinfo channel: " + e.getMessage(), e);
        }
    }

    private static String firstWord(String line) {
        int sp = line.indexOf(' ');
        return sp < 0 ? line : line.substring(0, sp);
    }
}
