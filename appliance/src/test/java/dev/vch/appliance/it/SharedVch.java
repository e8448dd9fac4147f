package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One embedded endpoint and one VCH for every end-to-end IT class of a test run (bringing one
 * up costs ~30 s): made on first use, kept in JUnit's root store, closed after the last class.
 * Classes leave the VCH as they found it (their containers removed, the appliance running).
 * {@code -Dvch.workDir=DIR} keeps the endpoint's state (VM logs, appliance.log) for a post-mortem.
 */
final class SharedVch implements ExtensionContext.Store.CloseableResource {
    final VchOnSim vch;
    final DockerCli docker;
    private final boolean keep;

    private SharedVch(VchOnSim vch, DockerCli docker, boolean keep) {
        this.vch = vch;
        this.docker = docker;
        this.keep = keep;
    }

    static SharedVch get(ExtensionContext context) {
        return context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .getOrComputeIfAbsent(SharedVch.class, k -> start(), SharedVch.class);
    }

    private static SharedVch start() {
        try {
            String keep = System.getProperty("vch.workDir");
            Path work = keep != null ? Files.createDirectories(Path.of(keep)) : Files.createTempDirectory("vch-e2e");
            VchOnSim vch = new VchOnSim(work);
            DockerCli docker = new DockerCli(vch.ip, vch.certs, work);
            SharedVch shared = new SharedVch(vch, docker, keep != null);
            shared.awaitApi();
            Path tar = Path.of("").toAbsolutePath().getParent().resolve("port-layer/target/busybox.tar");
            shared.ok("load", "-i", tar.toString());
            return shared;
        } catch (Exception e) {
            throw new AssertionError("cannot bring up the embedded endpoint and a VCH: " + e, e);
        }
    }

    /** Waits for the Docker API (after vic-machine create, or an appliance restart). */
    void awaitApi() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        DockerCli.Result v;
        do {
            v = docker.run("version", "--format", "{{.Server.Version}}");
        } while (v.code() != 0 && Instant.now().isBefore(deadline) && pause(500));
        assertThat(v.code()).as("the Docker API of the appliance did not answer:\n" + v + "\n--- appliance.log\n"
                + vch.applianceLog()).isZero();
    }

    /** docker {@code args}; fails the test (with the appliance's log) unless it exits 0. */
    DockerCli.Result ok(String... args) {
        DockerCli.Result r = docker.run(args);
        assertThat(r.code()).as("docker " + String.join(" ", args) + "\n" + r + "\n--- appliance.log (tail)\n"
                + tail(vch.applianceLog())).isZero();
        return r;
    }

    /** docker {@code args} that must fail with {@code code}; returns the result for its message. */
    DockerCli.Result fails(int code, String... args) {
        DockerCli.Result r = docker.run(args);
        assertThat(r.code()).as("docker " + String.join(" ", args) + "\n" + r).isEqualTo(code);
        return r;
    }

    static String tail(String log) {
        return log.length() < 6000 ? log : log.substring(log.length() - 6000);
    }

    static boolean pause(long millis) {
        try {
            Thread.sleep(millis);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops the endpoint and, unless -Dvch.workDir asked to keep it, deletes its state (datastore, VMs). */
    @Override
    public void close() throws java.io.IOException {
        vch.close();
        if (!keep) {
            try (var paths = Files.walk(vch.work)) {
                for (Path p : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(p);
                }
            }
        }
    }

    /** Hands the shared VCH to {@code @BeforeAll void up(SharedVch vch)}. */
    static final class Resolver implements ParameterResolver {
        @Override
        public boolean supportsParameter(ParameterContext p, ExtensionContext c) {
            return p.getParameter().getType() == SharedVch.class;
        }

        @Override
        public Object resolveParameter(ParameterContext p, ExtensionContext c) {
            return get(c);
        }
    }
}
