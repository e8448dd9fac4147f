package dev.vch.sim.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vch.sim.core.Sim;
import dev.vch.sim.mo.Datastore;
import dev.vch.sim.vim.VimFault;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Datastore files over HTTP: {@code /folder/<path>?dcPath=<dc>&dsName=<ds>} GET, PUT, DELETE with the session cookie. */
final class DatastoreHttpHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(DatastoreHttpHandler.class);
    private final Sim sim;

    DatastoreHttpHandler(Sim sim) {
        this.sim = sim;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        try (ex) {
            if (sim.session(Cookies.session(ex.getRequestHeaders().getFirst("Cookie"))) == null) {
                text(ex, 401, "Unauthorized: log in through /sdk and send the vmware_soap_session cookie\n");
                return;
            }
            String raw = ex.getRequestURI().getRawPath();
            if (!raw.startsWith("/folder/") || raw.length() <= "/folder/".length()) {
                text(ex, 404, "Not found\n");
                return;
            }
            String rel = URLDecoder.decode(raw.substring("/folder/".length()).replace("+", "%2B"), StandardCharsets.UTF_8);
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            Datastore ds = q.get("dsName") == null ? null : sim.datastores().datastore(q.get("dsName"));
            if (ds == null) {
                text(ex, 404, "No datastore " + q.get("dsName") + "\n");
                return;
            }
            Path file;
            try {
                file = sim.datastores().resolveIn(ds, rel, "[" + ds.name() + "] " + rel);
            } catch (VimFault f) {
                text(ex, 400, "Invalid datastore path: " + rel + "\n");
                return;
            }
            if (file.equals(ds.directory().toAbsolutePath().normalize())) {
                text(ex, 400, "Invalid datastore path: " + rel + "\n");
                return;
            }
            switch (ex.getRequestMethod()) {
                case "GET", "HEAD" -> get(ex, file);
                case "PUT" -> put(ex, file);
                case "DELETE" -> {
                    if (!Files.isRegularFile(file)) {
                        text(ex, 404, "Not found\n");
                    } else {
                        Files.delete(file);
                        ex.sendResponseHeaders(204, -1);
                    }
                }
                default -> text(ex, 405, "Method not allowed\n");
            }
        } catch (IOException e) {
            LOG.warn("datastore HTTP {} failed: {}", ex.getRequestURI(), e.toString());
        }
    }

    private static void get(HttpExchange ex, Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            text(ex, 404, "Not found\n");
            return;
        }
        String n = file.getFileName().toString();
        ex.getResponseHeaders().set("Content-Type", n.endsWith(".iso") ? "application/x-cd-image" : "application/octet-stream");
        long size = Files.size(file);
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, -1);
            return;
        }
        ex.sendResponseHeaders(200, size == 0 ? -1 : size);
        try (InputStream in = Files.newInputStream(file); OutputStream out = ex.getResponseBody()) {
            in.transferTo(out);
        }
    }

    private static void put(HttpExchange ex, Path file) throws IOException {
        if (Files.isDirectory(file)) {
            text(ex, 409, "A directory exists at that path\n");
            return;
        }
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling("." + file.getFileName() + ".upload");
        try (InputStream in = ex.getRequestBody()) {
            Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
        ex.sendResponseHeaders(200, -1);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> q = new HashMap<>();
        if (raw == null) return q;
        for (String kv : raw.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0) q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
        }
        return q;
    }

    private static void text(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
