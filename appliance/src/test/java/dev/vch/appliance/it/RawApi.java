package dev.vch.appliance.it;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Requests the docker CLI never sends (malformed bodies), made with curl and the client
 * certificates vic-machine wrote.
 */
final class RawApi {
    record Response(int status, String body) {
        /** The {@code message} of Docker's error body. */
        String message() {
            try {
                return new ObjectMapper().readTree(body).path("message").asText();
            } catch (IOException e) {
                throw new AssertionError("not a JSON error body: " + body, e);
            }
        }
    }

    private final String base;
    private final Path certs;

    RawApi(String ip, Path certs) {
        this.base = "https://" + ip + ":2376";
        this.certs = certs;
    }

    Response post(String path, String body) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("curl", "-sS", "--max-time", "30", "--cacert", certs.resolve("ca.pem").toString(),
                "--cert", certs.resolve("cert.pem").toString(), "--key", certs.resolve("key.pem").toString(),
                "-X", "POST", "-H", "Content-Type: application/json", "--data-binary", "@-", "-w", "\n%{http_code}",
                base + path).redirectErrorStream(true).start();
        try (var in = p.getOutputStream()) {
            in.write(body.getBytes(StandardCharsets.UTF_8));
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(40, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new AssertionError("curl " + path + " failed: " + out);
        }
        int nl = out.lastIndexOf('\n');
        return new Response(Integer.parseInt(out.substring(nl + 1).trim()), out.substring(0, nl));
    }
}
