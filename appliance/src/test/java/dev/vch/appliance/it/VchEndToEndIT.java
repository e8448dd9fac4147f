package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product end to end: the embedded endpoint, a VCH on it whose appliance runs from
 * appliance.iso as a host process, and the real docker CLI over TLS. containerVMs are real
 * qemu VMs booting bootstrap.iso. One VCH for the class; the steps run in order.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VchEndToEndIT {
    VchOnSim vch;
    DockerCli docker;

    @BeforeAll
    void up(@TempDir Path work) throws Exception {
        // -Dvch.workDir keeps the endpoint's state (VM logs, appliance.log) for a post-mortem
        String keep = System.getProperty("vch.workDir");
        if (keep != null) {
            work = java.nio.file.Files.createDirectories(Path.of(keep));
        }
        vch = new VchOnSim(work);
        docker = new DockerCli(vch.ip, vch.certs, work);
        awaitApi();
    }

    private void awaitApi() {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(90));
        DockerCli.Result v;
        do {
            v = docker.run("version", "--format", "{{.Server.Version}}");
        } while (v.code() != 0 && Instant.now().isBefore(deadline) && pause());
        assertThat(v.code()).as("the Docker API of the appliance did not answer:\n" + v + "\n--- appliance.log\n"
                + vch.applianceLog()).isZero();
    }

    /** The API comes up a few seconds after power-on; nothing to wait on but the port. */
    private static boolean pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
        return true;
    }

    @AfterAll
    void down() {
        if (vch != null) {
            vch.close();
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
    void loadsTheBusyboxArchive() {
        Path tar = Path.of("").toAbsolutePath().getParent().resolve("port-layer/target/busybox.tar");
        assertThat(ok("load", "-i", tar.toString()).out()).contains("Loaded image: busybox:latest");
        assertThat(ok("images", "--format", "{{.Repository}}:{{.Tag}}").out()).contains("busybox:latest");
    }

    @Test
    @Order(2)
    void createListsInspectsAndRemoves() {
        String id = ok("create", "--name", "made", "busybox", "echo", "x").out().trim();
        assertThat(id).hasSize(64);
        assertThat(ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").out()).isEqualTo("made Created\n");
        assertThat(ok("inspect", "--format", "{{.Name}} {{.State.Status}}", id.substring(0, 12)).out())
                .isEqualTo("/made created\n");
        DockerCli.Result conflict = docker.run("create", "--name", "made", "busybox");
        assertThat(conflict.code()).isNotZero();
        assertThat(conflict.err()).contains("is already in use by container");
        ok("rm", "made");
        DockerCli.Result missing = docker.run("rm", "made");
        assertThat(missing.err()).contains("No such container: made");
        assertThat(ok("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    @Order(3)
    void runPrintsHelloFromAContainerVm() {
        DockerCli.Result r = ok("run", "--rm", "busybox", "echo", "hello");
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(ok("ps", "-a", "-q").out()).isEmpty();
    }

    @Test
    @Order(4)
    void detachedContainerListsLogsStopsAndIsRemoved() {
        String id = ok("run", "-d", "--name", "talker", "busybox", "sh", "-c", "echo up; sleep 600").out().trim();
        assertThat(id).hasSize(64);
        assertThat(ok("ps", "--format", "{{.Names}}").out()).isEqualTo("talker\n");
        assertThat(ok("inspect", "--format", "{{.State.Running}}", "talker").out()).isEqualTo("true\n");
        ok("stop", "-t", "2", "talker");
        assertThat(ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").out()).startsWith("talker Exited (");
        assertThat(ok("logs", "talker").out()).isEqualTo("up\n");
        DockerCli.Result attach = docker.run("attach", "talker");
        assertThat(attach.err()).contains("You cannot attach to a stopped container");
        ok("rm", "talker");
    }

    @Test
    @Order(5)
    void exitCodesReadAsDocker() {
        DockerCli.Result exit = docker.run("run", "--name", "three", "busybox", "sh", "-c", "echo out; exit 3");
        assertThat(exit.code()).as(exit + "\n" + vch.applianceLog()).isEqualTo(3);
        assertThat(exit.out()).isEqualTo("out\n");
        assertThat(ok("inspect", "--format", "{{.State.ExitCode}}", "three").out()).isEqualTo("3\n");
        assertThat(ok("info", "--format", "{{.Containers}} {{.ContainersStopped}} {{.Images}}").out())
                .isEqualTo("1 1 1\n");
    }

    @Test
    @Order(6)
    void anApplianceRestartKeepsContainersLogsAndRunningOnes() {
        String sleeper = ok("run", "-d", "--name", "sleeper", "busybox", "sh", "-c", "echo zzz; sleep 600").out().trim();
        vch.restartAppliance();
        awaitApi();
        assertThat(ok("ps", "-a", "--format", "{{.Names}} {{.Status}}").out()).contains("three Exited (3)", "sleeper Up");
        assertThat(ok("logs", "three").out()).isEqualTo("out\n");
        assertThat(ok("inspect", "--format", "{{.State.ExitCode}}", "three").out()).isEqualTo("3\n");
        // the running container's link comes back to the new appliance: exec and stop go through it
        assertThat(ok("exec", "sleeper", "echo", "from", "exec").out()).isEqualTo("from exec\n");
        ok("stop", "-t", "5", sleeper);
        assertThat(ok("inspect", "--format", "{{.State.ExitCode}}", "sleeper").out()).isEqualTo("143\n");
        assertThat(ok("logs", "sleeper").out()).isEqualTo("zzz\n");
        ok("rm", "three", "sleeper");
        assertThat(ok("ps", "-a", "-q").out()).isEmpty();
    }
}
