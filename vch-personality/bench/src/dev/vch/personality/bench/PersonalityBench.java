package dev.vch.personality.bench;

import dev.vch.personality.tls.CertificateFiles;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Load client for the Docker API server (run by bench/run.sh against a server in its own
 * JVM). Prints three figures:
 * <ol>
 *   <li>{@code /_ping} requests per second over TLS with keep-alive (N connections, one
 *       request in flight per connection: no pipelining);</li>
 *   <li>median and p90 of TLS handshake + {@code GET /version} on a new connection, with a
 *       full handshake each time (fresh SSLContext, as a new docker CLI process does);</li>
 *   <li>the server's VmRSS idle (before load and after load), from /proc/PID/status.</li>
 * </ol>
 * Usage: {@code PersonalityBench CERT_DIR PORT SERVER_PID [connections] [seconds]}.
 */
public final class PersonalityBench {
    private static final byte[] PING = "GET /v1.45/_ping HTTP/1.1\r\nHost: vch\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] VERSION = "GET /v1.45/version HTTP/1.1\r\nHost: vch\r\nConnection: close\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final KeyManager[] keyManagers;
    private final TrustManager[] trustManagers;
    private final int port;

    private PersonalityBench(Path certDir, int port) throws Exception {
        var certs = CertificateFiles.read(certDir);
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", certs.ca().certificate());
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyStore keys = KeyStore.getInstance("PKCS12");
        keys.load(null, null);
        keys.setKeyEntry("c", certs.client().privateKey(), new char[0],
                new Certificate[] {certs.client().certificate()});
        var kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, new char[0]);
        this.keyManagers = kmf.getKeyManagers();
        this.trustManagers = tmf.getTrustManagers();
        this.port = port;
    }

    public static void main(String[] args) throws Exception {
        Path certDir = Path.of(args[0]);
        int port = Integer.parseInt(args[1]);
        long pid = Long.parseLong(args[2]);
        int connections = args.length > 3 ? Integer.parseInt(args[3]) : 8;
        int seconds = args.length > 4 ? Integer.parseInt(args[4]) : 10;
        var bench = new PersonalityBench(certDir, port);

        long idleRss = rssKib(pid);
        System.out.printf("idle server RSS (after start, before any request): %.1f MiB%n", idleRss / 1024.0);

        // warm-up: the JIT compiles the JDK's TLS and elliptic-curve code on both sides; on a
        // busy machine that takes many handshakes, so the rounds are printed to show it settle
        for (int round = 1; round <= 3; round++) {
            long c0 = cpuMillis(pid);
            double[] w = bench.handshakes(300);
            System.out.printf("  warm-up round %d: median %.2f ms, server CPU %.2f ms per connection%n", round, w[0],
                    (cpuMillis(pid) - c0) / 300.0);
        }
        long cpu0 = cpuMillis(pid);
        double[] lat = bench.handshakes(300);
        long handshakeCpu = cpuMillis(pid) - cpu0;
        System.out.printf("new connection, TLS handshake + GET /version: median %.2f ms, p90 %.2f ms (n=300);"
                + " server CPU %.2f ms per connection%n", lat[0], lat[1], handshakeCpu / 300.0);

        bench.pingLoad(connections, 5); // warm-up
        cpu0 = cpuMillis(pid);
        long[] done = new long[1];
        double rate = bench.pingLoad(connections, seconds, done);
        long pingCpu = cpuMillis(pid) - cpu0;
        System.out.printf("GET /_ping over TLS, keep-alive, %d connections, %d s: %.0f requests/s;"
                + " server CPU %.1f us per request (capacity of one core: %.0f requests/s)%n",
                connections, seconds, rate, pingCpu * 1000.0 / done[0], done[0] * 1000.0 / pingCpu);

        Thread.sleep(3000); // let the server settle (no requests), then read its RSS again
        System.out.printf("idle server RSS (after the load): %.1f MiB%n", rssKib(pid) / 1024.0);
    }

    private SSLSocket connect(SSLContext context) throws IOException {
        var socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        socket.setTcpNoDelay(true);
        socket.setSoTimeout(10_000);
        socket.startHandshake();
        return socket;
    }

    private SSLContext freshContext() throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keyManagers, trustManagers, null);
        return context;
    }

    /** Returns {median, p90} in ms of n sequential new-connection handshakes + /version. */
    private double[] handshakes(int n) throws Exception {
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            SSLContext context = freshContext(); // no session resumption: a full handshake each time
            long start = System.nanoTime();
            try (SSLSocket socket = connect(context)) {
                OutputStream out = socket.getOutputStream();
                out.write(VERSION);
                out.flush();
                readResponse(socket.getInputStream(), new byte[16384]);
            }
            ms[i] = (System.nanoTime() - start) / 1e6;
        }
        Arrays.sort(ms);
        return new double[] {ms[n / 2], ms[(int) (n * 0.9)]};
    }

    private double pingLoad(int connections, int seconds) throws Exception {
        return pingLoad(connections, seconds, new long[1]);
    }

    /** Returns requests per second; {@code done[0]} receives the number of requests. */
    private double pingLoad(int connections, int seconds, long[] done) throws Exception {
        SSLContext context = freshContext();
        var running = new AtomicBoolean(true);
        var count = new LongAdder();
        List<Thread> threads = new ArrayList<>();
        List<SSLSocket> sockets = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            sockets.add(connect(context));
        }
        long start = System.nanoTime();
        for (SSLSocket socket : sockets) {
            threads.add(Thread.ofPlatform().start(() -> {
                byte[] buf = new byte[16384];
                try {
                    OutputStream out = socket.getOutputStream();
                    InputStream in = socket.getInputStream();
                    while (running.get()) {
                        out.write(PING);
                        out.flush();
                        readResponse(in, buf);
                        count.increment();
                    }
                } catch (IOException e) {
                    System.err.println("load connection failed: " + e);
                }
            }));
        }
        Thread.sleep(seconds * 1000L);
        running.set(false);
        for (Thread t : threads) {
            t.join();
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (SSLSocket s : sockets) {
            s.close();
        }
        done[0] = count.sum();
        return count.sum() / elapsed;
    }

    /** Reads one response: the head, then Content-Length bytes of body (the server always sends one). */
    private static void readResponse(InputStream in, byte[] buf) throws IOException {
        int have = 0;
        int headEnd = -1;
        while (headEnd < 0) {
            int n = in.read(buf, have, buf.length - have);
            if (n < 0) {
                throw new IOException("connection closed mid-response");
            }
            have += n;
            headEnd = indexOf(buf, have);
        }
        String head = new String(buf, 0, headEnd + 2, StandardCharsets.US_ASCII).toLowerCase();
        int cl = head.indexOf("content-length:");
        int length = cl < 0 ? 0 : Integer.parseInt(head.substring(cl + 15, head.indexOf('\r', cl)).trim());
        int bodyHave = have - headEnd - 4;
        while (bodyHave < length) {
            int n = in.read(buf, 0, buf.length);
            if (n < 0) {
                throw new IOException("connection closed mid-body");
            }
            bodyHave += n;
        }
        if (!head.startsWith("http/1.1 200")) {
            throw new IOException("unexpected answer: " + head.lines().findFirst().orElse(""));
        }
    }

    private static int indexOf(byte[] b, int len) {
        for (int i = 0; i + 3 < len; i++) {
            if (b[i] == '\r' && b[i + 1] == '\n' && b[i + 2] == '\r' && b[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** User + system CPU time of a process, from /proc/PID/stat (clock ticks of 10 ms). */
    private static long cpuMillis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10;
    }

    private static long rssKib(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        throw new IOException("no VmRSS for pid " + pid);
    }
}
