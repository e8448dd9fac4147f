package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry call {@code GET /v2/<name>/blobs/<digest>}, streamed to a file and digested on
 * the way. Redirects are followed by hand: credentials go only to the registry's own host,
 * never to the storage host a redirect names. A connection that breaks mid-blob is resumed
 * with a {@code Range} request from the bytes already written (a registry that answers 200
 * instead of 206 starts the file over). Size and digest are checked before the file is
 * handed out.
 */
final class BlobPuller {

    private static final Logger LOG = LoggerFactory.getLogger(BlobPuller.class);
    private static final int MAX_REDIRECTS = 5;
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-\\d+/(\\d+|\\*)");

    private final RegistrySession session;
    private final String familiarName;
    private final int attempts;

    BlobPuller(RegistrySession session, String familiarName, int attempts) {
        this.session = session;
        this.familiarName = familiarName;
        this.attempts = attempts;
    }

    /** Downloads {@code blob} into {@code target}; {@code progress} gets the bytes so far. */
    void pull(Descriptor blob, Path target, LongConsumer progress) {
        MessageDigest md = sha256();
        long have = 0;
        IOException broken = null;
        String what = "download blob " + blob.digest() + " of " + familiarName;
        try {
            Files.deleteIfExists(target);
            Files.createFile(target);
            for (int attempt = 1; attempt <= attempts; attempt++) {
                HttpResponse<InputStream> resp = open(blob, have, what);
                int status = resp.statusCode();
                if (status != 200 && status != 206) {
                    byte[] body = readError(resp);
                    throw RegistryErrors.blob(familiarName, blob.digest(), status,
                            resp.headers().firstValue("WWW-Authenticate").orElse(null), body);
                }
                if (status == 200 || !resumesAt(resp, have)) {
                    if (have > 0) {
                        LOG.info("registry restarted blob {} from 0 instead of resuming at {}", blob.digest(), have);
                    }
                    have = 0;
                    md.reset();
                    Files.newOutputStream(target, StandardOpenOption.TRUNCATE_EXISTING).close();
                }
                try (InputStream in = resp.body();
                     OutputStream out = Files.newOutputStream(target, StandardOpenOption.APPEND)) {
                    byte[] buf = new byte[128 * 1024];
                    int n;
                    while ((n = in.read(buf)) > 0) {
                        if (have + n > blob.size()) {
                            throw PortLayerException.invalid("Tried to " + what + " but failed because the registry"
                                    + " sent more than the " + blob.size() + " bytes the manifest declares");
                        }
                        out.write(buf, 0, n);
                        md.update(buf, 0, n);
                        have += n;
                        progress.accept(have);
                    }
                    broken = null;
                    break;
                } catch (IOException e) {
                    broken = e;
                    LOG.info("blob {} broke off at {} of {} bytes ({}); resuming (attempt {})", blob.digest(), have,
                            blob.size(), e.toString(), attempt);
                    if (attempt < attempts) {
                        Thread.sleep(session.transport().backoff(attempt, null));
                    }
                }
            }
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to " + what
                    + " but failed because the spool file " + target + " could not be written: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to " + what
                    + " but was interrupted", e);
        }
        if (broken != null) {
            throw RegistryTransport.unreachable(what, session.base(), broken);
        }
        String actual = "sha256:" + HexFormat.of().formatHex(md.digest());
        if (have != blob.size() || !actual.equals(blob.digest())) {
            throw PortLayerException.invalid("filesystem layer verification failed for digest " + blob.digest());
        }
    }

    /** The first answer that is not a redirect, credentials only for the registry's host. */
    private HttpResponse<InputStream> open(Descriptor blob, long offset, String what) {
        Map<String, String> range = offset > 0 ? Map.of("Range", "bytes=" + offset + "-") : Map.of();
        URI uri = session.uri("blobs/" + blob.digest());
        HttpResponse<InputStream> resp = session.get(uri, range, what);
        for (int hop = 0; isRedirect(resp.statusCode()); hop++) {
            String location = resp.headers().firstValue("Location").orElse(null);
            closeQuietly(resp);
            if (location == null || hop == MAX_REDIRECTS) {
                throw new PortLayerException(PortLayerException.Kind.UNAVAILABLE, "Tried to " + what
                        + " but failed because the registry sent " + (location == null
                        ? "a redirect without a location" : "more than " + MAX_REDIRECTS + " redirects"));
            }
            uri = uri.resolve(location);
            HttpRequest.Builder req = HttpRequest.newBuilder(uri).GET();
            range.forEach(req::header);
            if (sameOrigin(uri, session.base())) {
                String authorization = session.authorization();
                if (authorization != null) {
                    req.header("Authorization", authorization);
                }
            }
            resp = session.transport().send(req, what);
        }
        return resp;
    }

    private static boolean resumesAt(HttpResponse<?> resp, long offset) {
        Matcher m = CONTENT_RANGE.matcher(resp.headers().firstValue("Content-Range").orElse(""));
        return m.matches() && Long.parseLong(m.group(1)) == offset;
    }

    static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI u) {
        return u.getPort() >= 0 ? u.getPort() : u.getScheme().equalsIgnoreCase("https") ? 443 : 80;
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static byte[] readError(HttpResponse<InputStream> resp) {
        try (InputStream in = resp.body()) {
            return in.readNBytes(RegistryLimits.MAX_ERROR);
        } catch (IOException e) {
            return new byte[0];
        }
    }

    private static void closeQuietly(HttpResponse<InputStream> resp) {
        try {
            resp.body().close();
        } catch (IOException ignored) {
            // the body of a redirect is not needed
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
