package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.portlayer.image.LocalRegistry;
import dev.vch.portlayer.image.RegistryImage;
import dev.vch.portlayer.image.TarBuilder;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * docker pull end to end: the real docker CLI against a VCH on the embedded endpoint pulls from
 * Debian's docker-registry on 127.0.0.1; a pulled image runs in a containerVM whose files are
 * checked from inside; {@code docker run} of an absent image pulls it. Two containerVM boots.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class RegistryEndToEndIT {
    VchOnSim vch;
    DockerCli docker;
    LocalRegistry registry;
    LocalRegistry secured;
    String repo;

    @BeforeAll
    void up(@TempDir Path work) throws Exception {
        registry = LocalRegistry.start(work.resolve("registry"), LocalRegistry.Mode.PLAIN);
        repo = registry.domain() + "/e2e";
        byte[] busybox = busyboxLayer(Path.of("").toAbsolutePath().getParent().resolve("port-layer/target/busybox.tar"));
        byte[] files = new TarBuilder().dir("srv", 0755, 0, 0).file("srv/hello.txt", "pulled from a registry\n")
                .file("srv/tool", "#!/bin/sh\n".getBytes(), 04755, 0, 0, Map.of()).symlink("srv/link", "hello.txt")
                .file("etc/.wh.group", "").build();
        registry.push("e2e", "1", RegistryImage.of(List.of(busybox, files), "e2e-1", RegistryImage.DOCKER));
        registry.push("e2e", "2", RegistryImage.of(List.of(busybox, files), "e2e-2", RegistryImage.OCI));
        secured = LocalRegistry.start(work.resolve("secured"), LocalRegistry.Mode.TLS_HTPASSWD);
        secured.push("private", "1", RegistryImage.of(List.of(files), "private", RegistryImage.DOCKER));
        vch = new VchOnSim(work);
        docker = new DockerCli(vch.ip, vch.certs, work);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        while (docker.run("version").code() != 0 && Instant.now().isBefore(deadline)) {
            Thread.sleep(500);
        }
    }

    /** The one layer of the bundled busybox image (a docker save archive). */
    static byte[] busyboxLayer(Path archive) throws Exception {
        Map<String, byte[]> entries = new java.util.HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(Files.newInputStream(archive))) {
            TarArchiveEntry e;
            while ((e = tar.getNextEntry()) != null) {
                ByteArrayOutputStream b = new ByteArrayOutputStream();
                tar.transferTo(b);
                entries.put(e.getName(), b.toByteArray());
            }
        }
        JsonNode manifest = new ObjectMapper().readTree(entries.get("manifest.json"));
        return entries.get(manifest.get(0).get("Layers").get(0).asText());
    }

    @AfterAll
    void down() {
        if (vch != null) {
            vch.close();
        }
        for (LocalRegistry r : new LocalRegistry[] {registry, secured}) {
            if (r != null) {
                r.close();
            }
        }
    }

    private DockerCli.Result ok(String... args) {
        DockerCli.Result r = docker.run(args);
        assertThat(r.code()).as("docker " + String.join(" ", args) + "\n" + r + "\n--- appliance.log\n"
                + vch.applianceLog()).isZero();
        return r;
    }

    @Test
    @Order(1)
    void pullShowsDockersProgressAndTheImageIsListed() {
        DockerCli.Result pull = ok("pull", repo + ":1");
        assertThat(pull.out()).contains("1: Pulling from e2e", "Pull complete", "Digest: sha256:",
                "Status: Downloaded newer image for " + repo + ":1");
        assertThat(ok("images", "--digests", "--format", "{{.Repository}}:{{.Tag}} {{.Digest}}").out())
                .contains(repo + ":1 sha256:");
        assertThat(ok("history", "--no-trunc", "--format", "{{.CreatedBy}}|{{.Size}}", repo + ":1").out())
                .matches("CMD \\[\"sh\"\\]\\|0B\nADD layer1 /\\|[1-9][0-9.]*[kMG]?B\nADD layer0 /\\|[1-9][0-9.]*[kMG]?B\n");
        assertThat(ok("image", "inspect", "--format", "{{index .RepoDigests 0}}", repo + ":1").out())
                .startsWith(repo + "@sha256:");
        assertThat(ok("pull", repo + ":1").out()).contains("Status: Image is up to date for " + repo + ":1");
        DockerCli.Result missing = docker.run("pull", repo + ":nope");
        assertThat(missing.code()).isNotZero();
        assertThat(missing.err()).contains("manifest for " + repo + ":nope not found: manifest unknown");
    }

    @Test
    @Order(2)
    void loginThenPullFromARegistryWithUsers() {
        String priv = secured.domain() + "/private:1";
        DockerCli.Result denied = docker.run("pull", priv);
        assertThat(denied.code()).isNotZero();
        assertThat(denied.err()).contains("pull access denied for " + secured.domain() + "/private");
        DockerCli.Result wrong = docker.run("login", secured.domain(), "-u", LocalRegistry.USER, "-p", "wrong");
        assertThat(wrong.code()).isNotZero();
        assertThat(wrong.err()).contains("401 Unauthorized");
        assertThat(ok("login", secured.domain(), "-u", LocalRegistry.USER, "-p", LocalRegistry.PASSWORD).out())
                .contains("Login Succeeded");
        assertThat(ok("pull", priv).out()).contains("Status: Downloaded newer image for " + priv);
    }

    @Test
    @Order(3)
    void aPulledImageRunsWithItsFiles() {
        DockerCli.Result r = ok("run", "--rm", repo + ":1", "sh", "-c",
                "cat /srv/hello.txt; readlink /srv/link; stat -c %a /srv/tool; test -e /etc/group || echo no-group");
        assertThat(r.out()).isEqualTo("pulled from a registry\nhello.txt\n4755\nno-group\n");
    }

    @Test
    @Order(4)
    void runOfAnAbsentImagePullsIt() {
        DockerCli.Result r = ok("run", "--rm", repo + ":2", "cat", "/srv/hello.txt");
        assertThat(r.err()).contains("Unable to find image '" + repo + ":2' locally");
        assertThat(r.out()).endsWith("pulled from a registry\n");
    }
}
