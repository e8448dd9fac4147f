package dev.vch.appliance.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The real docker CLI pointed at a VCH with the client certificates vic-machine wrote. */
final class DockerCli {
    record Result(int code, String out, String err, long millis) {
        @Override
        public String toString() {
            return "exit " + code + " in " + millis + " ms\n--- out\n" + out + "--- err\n" + err;
        }
    }

    private final String host;
    private final Path certs;
    private final Path config;

    DockerCli(String ip, Path certs, Path work) throws IOException {
        this.host = "tcp://" + ip + ":2376";
        this.certs = certs;
        this.config = Files.createDirectories(work.resolve("docker-config"));
    }

    private static final java.util.concurrent.Executor READERS = r -> Thread.ofVirtual().start(r);

    Result run(String... args) {
        return runWithInput(Path.of("/dev/null"), args);
    }

    /** The docker command line for {@code args} (for a pty, which needs one string). */
    List<String> command(String... args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "--config", config.toString(), "--tlsverify",
                "--tlscacert", certs.resolve("ca.pem").toString(), "--tlscert", certs.resolve("cert.pem").toString(),
                "--tlskey", certs.resolve("key.pem").toString(), "-H", host));
        cmd.addAll(List.of(args));
        return cmd;
    }

    /** Runs docker with its stdin read from {@code stdin}; output is kept as text. */
    Result runWithInput(Path stdin, String... args) {
        Raw r = raw(stdin, args);
        return new Result(r.code(), new String(r.out(), StandardCharsets.UTF_8), new String(r.err(),
                StandardCharsets.UTF_8), r.millis());
    }

    /** A finished docker command with its stdout as bytes (binary output). */
    record Raw(int code, byte[] out, byte[] err, long millis) {
    }

    Raw raw(Path stdin, String... args) {
        List<String> cmd = command(args);
        long t0 = System.nanoTime();
        try {
            Process p = new ProcessBuilder(cmd).redirectInput(ProcessBuilder.Redirect.from(stdin.toFile())).start();
            // readers on virtual threads: blocking reads must not occupy the common pool, which the
            // embedded endpoint in this JVM and the JDK's own completions share
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()), READERS);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()), READERS);
            if (!p.waitFor(300, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("docker " + String.join(" ", args) + " did not finish within 300 s");
            }
            return new Raw(p.exitValue(), out.join(), err.join(), (System.nanoTime() - t0) / 1_000_000);
        } catch (IOException e) {
            throw new AssertionError("cannot run the docker CLI: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted");
        }
    }

    private static byte[] readAll(java.io.InputStream in) {
        try (in) {
            return in.readAllBytes();
        } catch (IOException e) {
            return new byte[0];
        }
    }
}
