package dev.vch.personality.server;

import dev.vch.personality.tls.IssuedCertificate;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

/** A minimal HTTPS client for tests: one request per connection, raw bytes in and out. */
public final class TlsTestClient {
    private final SSLContext context;
    private final String[] protocols;

    /** {@code client} may be null (no client certificate). */
    public TlsTestClient(X509Certificate trustedCa, IssuedCertificate client, String... protocols) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", trustedCa);
        var tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        KeyManagerFactory kmf = null;
        if (client != null) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("client", client.privateKey(), new char[0], new Certificate[] {client.certificate()});
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
        }
        context = SSLContext.getInstance("TLS");
        context.init(kmf == null ? null : kmf.getKeyManagers(), tmf.getTrustManagers(), null);
        this.protocols = protocols.length == 0 ? new String[] {"TLSv1.3", "TLSv1.2"} : protocols;
    }

    /** A connected, handshaken socket. */
    public SSLSocket connect(InetSocketAddress address) throws IOException {
        var socket = (SSLSocket) context.getSocketFactory().createSocket(address.getHostString(), address.getPort());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(protocols);
        socket.startHandshake();
        return socket;
    }

    /** Sends raw request bytes on a new connection and reads until the server closes. */
    public String exchange(InetSocketAddress address, byte[] request) throws IOException {
        try (SSLSocket socket = connect(address)) {
            return sendAndReadAll(socket, request);
        }
    }

    public static String sendAndReadAll(Socket socket, byte[] request) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write(request);
        out.flush();
        InputStream in = socket.getInputStream();
        var buf = new ByteArrayOutputStream();
        byte[] chunk = new byte[8192];
        int n;
        try {
            while ((n = in.read(chunk)) > 0) {
                buf.write(chunk, 0, n);
            }
        } catch (java.net.SocketException e) {
            // a reset after the answer (413 closes while the client still sends): keep what came
            if (buf.size() == 0) {
                throw e;
            }
        }
        return buf.toString(StandardCharsets.ISO_8859_1);
    }

    /** A plain TCP exchange, for speaking HTTP to the TLS port. */
    public static String plainExchange(InetSocketAddress address, byte[] request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(address, 10_000);
            socket.setSoTimeout(10_000);
            return sendAndReadAll(socket, request);
        }
    }

    public static byte[] http(String method, String path, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        String head = method + " " + path + " HTTP/1.1\r\nHost: vch\r\nConnection: close\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\nContent-Length: " + b.length + "\r\n")
                + "\r\n";
        byte[] h = head.getBytes(StandardCharsets.US_ASCII);
        byte[] all = new byte[h.length + b.length];
        System.arraycopy(h, 0, all, 0, h.length);
        System.arraycopy(b, 0, all, h.length, b.length);
        return all;
    }
}
