package dev.vch.appliance;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsExchange;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import dev.vch.personality.tls.TlsMaterial;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import dev.vch.portlayer.container.LogStore;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The log server (vicadmin, 2378): an HTTPS page listing the VCH's log and each container's,
 * each viewable whole or as a live tail, and a .tar.gz bundle of all of them. A client gets in
 * with a certificate signed by the VCH's client CA (checked in the TLS handshake, which refuses
 * certificates from other CAs) or with vSphere credentials (HTTP Basic, checked by
 * {@link LogLogin}); anyone else gets 401.
 */
public final class LogServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LogServer.class);
    private static final Pattern ID = Pattern.compile("[0-9a-f]{64}");

    private final HttpsServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final LogStore logs;
    private final Path applianceLog;
    private final Function<String, String> names;
    private final LogLogin login;
    private final String realm;

    private LogServer(HttpsServer server, LogStore logs, Path applianceLog, Function<String, String> names,
                      LogLogin login, String realm) {
        this.server = server;
        this.logs = logs;
        this.applianceLog = applianceLog;
        this.names = names;
        this.login = login;
        this.realm = realm;
    }

    /**
     * @param tls   the server certificate, and the client CAs whose certificates admit a client
     *              (none: only credentials do)
     * @param login checks HTTP Basic credentials (vSphere's)
     * @param names container id to its name (or the id when it is gone)
     */
    public static LogServer start(InetSocketAddress bind, TlsMaterial tls, LogLogin login, String vchName, LogStore logs,
                                  Path applianceLog, Function<String, String> names) throws IOException {
        HttpsServer s = HttpsServer.create(bind, 64);
        s.setHttpsConfigurator(new HttpsConfigurator(TlsSetup.serverContext(tls)) {
            @Override
            public void configure(HttpsParameters params) {
                SSLParameters p = getSSLContext().getDefaultSSLParameters();
                p.setWantClientAuth(tls.verifiesClients());
                params.setSSLParameters(p);
            }
        });
        LogServer ls = new LogServer(s, logs, applianceLog, names, login, "VCH " + vchName + " logs (vSphere credentials)");
        s.setExecutor(ls.executor);
        s.createContext("/", ls::handle);
        s.start();
        LOG.info("Log server listening on https://{}:{}/", bind.getHostString(), s.getAddress().getPort());
        return ls;
    }

    public InetSocketAddress address() {
        return server.getAddress();
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            boolean follow = "follow=1".equals(ex.getRequestURI().getQuery());
            if (!admitted(ex)) {
                ex.getResponseHeaders().set("WWW-Authenticate", "Basic realm=\"" + realm + "\", charset=\"UTF-8\"");
                text(ex, 401, "Log in with vSphere credentials, or present the VCH's client certificate\n");
            } else if (!ex.getRequestMethod().equals("GET")) {
                text(ex, 405, "Method not allowed\n");
            } else if (path.equals("/")) {
                html(ex, LogPages.index(logs.ids(), names));
            } else if (path.equals("/logs/appliance")) {
                applianceLog(ex, follow);
            } else if (path.startsWith("/logs/") && ID.matcher(path.substring(6)).matches()
                    && Files.exists(logs.file(path.substring(6)))) {
                containerLog(ex, path.substring(6), follow);
            } else if (path.equals("/bundle.tar.gz")) {
                ex.getResponseHeaders().set("Content-Type", "application/gzip");
                ex.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"vch-logs.tar.gz\"");
                ex.sendResponseHeaders(200, 0);
                LogPages.bundle(ex.getResponseBody(), applianceLog, logs, names);
            } else {
                text(ex, 404, "Not found\n");
            }
        } catch (IOException e) {
            LOG.debug("log server request ended: {}", e.getMessage());
        }
    }

    /** A verified client certificate, or Basic credentials vSphere accepts. */
    private boolean admitted(HttpExchange ex) throws IOException {
        if (ex instanceof HttpsExchange https) {
            try {
                if (https.getSSLSession().getPeerCertificates().length > 0) {
                    return true; // the handshake verified it against the client CAs
                }
            } catch (SSLPeerUnverifiedException e) {
                // no certificate: fall through to credentials
            }
        }
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        String pair;
        try {
            pair = new String(Base64.getDecoder().decode(auth.substring(6).trim()), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return false;
        }
        int colon = pair.indexOf(':');
        if (colon <= 0) {
            return false;
        }
        try {
            return login.accepts(pair.substring(0, colon), pair.substring(colon + 1));
        } catch (RuntimeException e) {
            LOG.warn("log server login check failed: {}", e.getMessage());
            text(ex, 503, "Cannot check credentials against vSphere now: " + e.getMessage() + "\n");
            throw new IOException("answered 503", e);
        }
    }

    private void containerLog(HttpExchange ex, String id, boolean follow) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        CompletableFuture<Void> done = new CompletableFuture<>();
        var sub = logs.read(id, new LogOptions(true, true, follow, -1, null, null, true), follow, new OutputSink() {
            @Override
            public void write(StdStream stream, byte[] data) {
                try {
                    out.write(data);
                    out.flush();
                } catch (IOException e) {
                    done.complete(null); // the browser went away
                }
            }

            @Override
            public void end(String error) {
                done.complete(null);
            }
        });
        done.join();
        sub.close();
    }

    private void applianceLog(HttpExchange ex, boolean follow) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        long pos = 0;
        do {
            if (Files.exists(applianceLog)) {
                try (var ch = Files.newByteChannel(applianceLog)) {
                    ch.position(pos);
                    var in = java.nio.channels.Channels.newInputStream(ch);
                    pos += in.transferTo(out);
                }
                out.flush();
            }
            if (follow) {
                try {
                    Thread.sleep(500); // a tail of a plain file: nothing to wait on but time
                } catch (InterruptedException e) {
                    return;
                }
            }
        } while (follow);
    }

    private static void html(HttpExchange ex, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
        ex.sendResponseHeaders(200, b.length);
        ex.getResponseBody().write(b);
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
