package dev.vch.personality;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.personality.fake.FakePortLayer;
import dev.vch.personality.tls.CertificateFiles;
import dev.vch.personality.tls.CertificateGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real docker CLI 28 against the server over TLS with client certificates, through
 * the fake port layer (scripted containers that stream output and exit codes). Asserts on
 * what the user sees: output, error wording and exit codes.
 */
class DockerCliIT {
    private static final String DOCKER = "/usr/local/bin/docker";
    @TempDir
    static Path dir;
    private static DockerApiServer server;

    @BeforeAll
    static void start() throws Exception {
        assertThat(Path.of(DOCKER)).as("the docker CLI is installed").exists();
        CertificateFiles.write(dir.resolve("certs"),
                CertificateFiles.generate(new CertificateGenerator(), "cli-vch", List.of()));
        Files.createDirectories(dir.resolve("docker-config"));
        var certs = CertificateFiles.read(dir.resolve("certs"));
        server = DockerApiServer.start(DockerApiConfig.tls("127.0.0.1", 0, certs.serverTls(), "cli-vch"),
                FakePortLayer.create("cli-vch"));
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    record Result(int exit, String out, String err) {
    }

    private static Result docker(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(DOCKER, "--tlsverify",
                "--tlscacert", dir.resolve("certs/ca.pem").toString(),
                "--tlscert", dir.resolve("certs/cert.pem").toString(),
                "--tlskey", dir.resolve("certs/key.pem").toString(),
                "-H", "tcp://127.0.0.1:" + server.address().getPort()));
        command.addAll(List.of(args));
        var pb = new ProcessBuilder(command);
        // keep the CLI away from the user's ~/.docker and any DOCKER_* of the environment
        pb.environment().keySet().removeIf(k -> k.startsWith("DOCKER_"));
        pb.environment().put("DOCKER_CONFIG", dir.resolve("docker-config").toString());
        Process p = pb.start();
        var out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
        var err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
        try (var in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("docker " + String.join(" ", args) + " did not finish in 60 s; stderr: "
                    + err.getNow("(none)"));
        }
        return new Result(p.exitValue(), out.join(), err.join());
    }

    private static String read(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(read failed: " + e + ")";
        }
    }

    @Test
    void versionAndInfo() throws Exception {
        var version = docker(null, "version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}}");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out().trim()).isEqualTo("1.45 1.24");

        var full = docker(null, "version");
        assertThat(full.out()).contains("Server: Virtual Container Host", "API version:       1.45 (downgraded");

        var info = docker(null, "info", "--format", "{{.Name}} {{.Images}} {{.NCPU}} {{.Driver}}");
        assertThat(info.exit()).as(info.err()).isZero();
        assertThat(info.out().trim()).isEqualTo("cli-vch 1 2 vSphere");
    }

    @Test
    void runStreamsOutputAndExitCodes() throws Exception {
        var hello = docker(null, "run", "--rm", "busybox", "echo", "hello", "from", "vch");
        assertThat(hello.exit()).as(hello.err()).isZero();
        assertThat(hello.out()).isEqualTo("hello from vch\n");

        var exit3 = docker(null, "run", "busybox", "sh", "-c", "exit 3");
        assertThat(exit3.exit()).isEqualTo(3);

        var stderr = docker(null, "run", "--rm", "busybox", "stderr", "oops");
        assertThat(stderr.exit()).isEqualTo(2);
        assertThat(stderr.out()).isEmpty();
        assertThat(stderr.err()).isEqualTo("oops\n");
    }

    @Test
    void runWithStdinAndWithTty() throws Exception {
        var cat = docker("line one\nline two\n", "run", "-i", "--rm", "busybox", "cat");
        assertThat(cat.exit()).as(cat.err()).isZero();
        assertThat(cat.out()).isEqualTo("line one\nline two\n");

        var tty = docker(null, "run", "-t", "--rm", "busybox", "echo", "on a tty");
        assertThat(tty.exit()).as(tty.err()).isZero();
        assertThat(tty.out()).isEqualTo("on a tty\r\n");
    }

    @Test
    void detachedContainerPsExecLogsAndRemove() throws Exception {
        var run = docker(null, "run", "-d", "--name", "sleeper", "busybox", "sleep");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out().trim()).matches("[0-9a-f]{64}");

        var ps = docker(null, "ps", "--format", "{{.Names}} {{.Image}} {{.Command}}");
        assertThat(ps.out()).contains("sleeper busybox \"sleep\""); // the image as given, as dockerd shows it

        var exec = docker(null, "exec", "sleeper", "echo", "from", "exec");
        assertThat(exec.exit()).as(exec.err()).isZero();
        assertThat(exec.out()).isEqualTo("from exec\n");
        assertThat(docker(null, "exec", "sleeper", "sh", "-c", "exit 5").exit()).isEqualTo(5);
        var execIn = docker("piped\n", "exec", "-i", "sleeper", "cat");
        assertThat(execIn.out()).isEqualTo("piped\n");

        var rmRunning = docker(null, "rm", "sleeper");
        assertThat(rmRunning.exit()).isEqualTo(1);
        assertThat(rmRunning.err()).contains("Error response from daemon: You cannot remove a running container");
        var rmForce = docker(null, "rm", "-f", "sleeper");
        assertThat(rmForce.exit()).as(rmForce.err()).isZero();
        assertThat(rmForce.out().trim()).isEqualTo("sleeper");

        assertThat(docker(null, "run", "--name", "talker", "busybox", "echo", "logged").exit()).isZero();
        var logs = docker(null, "logs", "talker");
        assertThat(logs.exit()).as(logs.err()).isZero();
        assertThat(logs.out()).isEqualTo("logged\n");
    }

    @Test
    void errorsUseDockersWording() throws Exception {
        var rm = docker(null, "rm", "nosuch");
        assertThat(rm.exit()).isEqualTo(1);
        assertThat(rm.err().trim()).isEqualTo("Error response from daemon: No such container: nosuch");

        var pause = docker(null, "pause", "nosuch");
        assertThat(pause.exit()).isEqualTo(1);
        assertThat(pause.err()).contains("Virtual Container Host does not yet implement docker pause");

        var pull = docker(null, "run", "--rm", "alpine", "true");
        assertThat(pull.exit()).isEqualTo(125);
        assertThat(pull.err()).contains("Unable to find image 'alpine:latest' locally",
                "does not yet implement docker pull");

        var nodes = docker(null, "node", "ls");
        assertThat(nodes.exit()).isEqualTo(1);
        assertThat(nodes.err()).contains("This node is not a swarm manager.");
    }
}
