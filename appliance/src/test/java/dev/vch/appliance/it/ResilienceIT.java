package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.vsphere.api.VmInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Volume and failure: 20 MB through attach and logs; 8 containers started at once; the
 * appliance killed (kill -9) while they run and power-cycled through vSphere, after which state,
 * logs, exit codes and links are as before; a containerVM's qemu killed out of band; and
 * nothing left behind (VMs, datastore folders) once everything is removed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedVch.Resolver.class)
class ResilienceIT {
    private static final int PARALLEL = 8;
    private static final Duration LONG = Duration.ofSeconds(180);
    SharedVch vch;

    @BeforeAll
    void up(SharedVch shared) {
        vch = shared;
    }

    @AfterAll
    void removeWhatWasMade() {
        vch.docker.run("rm", "-f", "big");
        for (int i = 0; i < PARALLEL; i++) {
            vch.docker.run("rm", "-f", "par" + i);
        }
    }

    @Test
    @Order(1)
    void twentyMegabytesComeThroughAttachAndLogsIntact() throws Exception {
        byte[] data = new byte[20 << 20];
        new Random(6).nextBytes(data);
        Path in = Files.write(vch.vch.work.resolve("20mb.bin"), data);
        DockerCli.Raw run = vch.docker.raw(in, "run", "-i", "--name", "big", "busybox", "cat");
        assertThat(run.code()).as(new String(run.err())).isZero();
        assertThat(sha256(run.out())).as("stdout of docker run -i cat (%d bytes)", run.out().length)
                .isEqualTo(sha256(data));
        DockerCli.Raw logs = vch.docker.raw(Path.of("/dev/null"), "logs", "big");
        assertThat(sha256(logs.out())).as("docker logs (%d bytes)", logs.out().length).isEqualTo(sha256(data));

        // docker start -a -i: attach first, stdin delivered, output of the second run
        Path small = Files.writeString(vch.vch.work.resolve("small.txt"), "again\n");
        DockerCli.Result again = vch.docker.runWithInput(small, "start", "-a", "-i", "big");
        assertThat(again.code()).as(again.toString()).isZero();
        assertThat(again.out()).isEqualTo("again\n");
        vch.ok("rm", "big");
    }

    @Test
    @Order(2)
    void eightContainersStartedAtOnceRunAndSurviveAnApplianceKill() throws Exception {
        List<CompletableFuture<DockerCli.Result>> runs = new ArrayList<>();
        for (int i = 0; i < PARALLEL; i++) {
            String name = "par" + i;
            String script = "echo " + name + "; while [ ! -e /tmp/go ]; do if [ -e /tmp/ping ]; then echo ping; "
                    + "rm /tmp/ping; fi; sleep 1; done; echo bye" + i + "; exit " + i;
            runs.add(CompletableFuture.supplyAsync(() -> vch.docker.run("run", "-d", "--name", name, "busybox", "sh",
                    "-c", script), r -> Thread.ofVirtual().start(r)));
        }
        for (var r : runs) {
            DockerCli.Result done = r.join();
            assertThat(done.code()).as(done + "\n" + SharedVch.tail(vch.vch.applianceLog())).isZero();
        }
        assertThat(vch.ok("ps", "-q", "--filter", "name=par").out().lines()).hasSize(PARALLEL);
        for (int i = 0; i < PARALLEL; i++) {
            assertThat(awaitLogs("par" + i, "par" + i + "\n")).isEqualTo("par" + i + "\n");
        }
        // one ends before the appliance dies: its exit must survive the restart
        vch.ok("exec", "par7", "touch", "/tmp/go");
        assertThat(vch.ok("wait", "par7").out()).isEqualTo("7\n");
        String[] before = snapshot("par7");

        long pid = vch.vch.appliancePid();
        ProcessHandle appliance = ProcessHandle.of(pid).orElseThrow();
        assertThat(appliance.destroyForcibly()).isTrue(); // SIGKILL
        appliance.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
        awaitApplianceOff();
        vch.vch.powerOnAppliance();
        vch.awaitApi();

        assertThat(snapshot("par7")).containsExactly(before);
        assertThat(vch.ok("ps", "-q", "--filter", "name=par").out().lines()).hasSize(PARALLEL - 1);

        // a running container is attachable again: its output reaches a new attach, and its exit ends it
        try (PtySession attach = new PtySession(vch.docker.command("attach", "par3"))) {
            long deadline = System.nanoTime() + LONG.toNanos();
            while (!attach.output().contains("ping") && System.nanoTime() < deadline) {
                vch.ok("exec", "par3", "touch", "/tmp/ping");
                SharedVch.pause(1500);
            }
            assertThat(attach.output()).as("attach after the restart").contains("ping");
            vch.ok("exec", "par3", "touch", "/tmp/go");
            assertThat(attach.exitCode(LONG)).isEqualTo(3);
            assertThat(attach.output()).contains("bye3");
        }
        // the others end through execs over their re-attached links, each with its own code and logs
        for (int i : IntStream.range(1, PARALLEL - 1).filter(i -> i != 3).toArray()) {
            vch.ok("exec", "par" + i, "touch", "/tmp/go");
        }
        for (int i = 1; i < PARALLEL - 1; i++) {
            assertThat(vch.ok("wait", "par" + i).out()).isEqualTo(i + "\n");
            assertThat(vch.ok("logs", "par" + i).out()).endsWith("bye" + i + "\n").startsWith("par" + i + "\n");
        }
    }

    @Test
    @Order(3)
    void aContainerVmKilledOutOfBandShowsAsExitedAndNothingIsLeftBehind() throws Exception {
        String id = vch.ok("inspect", "--format", "{{.Id}}", "par0").out().trim();
        VmInfo vm = vch.vch.vms().stream().filter(v -> id.equals(v.extraConfig().get("vch.container./id")))
                .findFirst().orElseThrow();
        ProcessHandle qemu = ProcessHandle.of(vch.vch.qemuPid(vm.ref())).orElseThrow();
        assertThat(qemu.destroyForcibly()).isTrue();
        assertThat(vch.ok("wait", "par0").out()).isEqualTo("137\n");
        assertThat(vch.ok("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "par0").out())
                .isEqualTo("exited 137\n");

        for (int i = 0; i < PARALLEL; i++) {
            vch.ok("rm", "par" + i);
        }
        assertThat(vch.vch.vms()).extracting(VmInfo::name).containsExactly(VchOnSim.NAME);
        try (var dirs = Files.list(vch.vch.datastoreDir())) {
            assertThat(dirs.map(p -> p.getFileName().toString())).containsExactly(VchOnSim.NAME);
        }
    }

    /** What must not change across an appliance restart. */
    private String[] snapshot(String name) {
        return new String[] {
            vch.ok("ps", "-a", "--filter", "name=" + name, "--format", "{{.ID}} {{.Names}} {{.Command}}").out(),
            vch.ok("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}} {{.State.StartedAt}} "
                    + "{{.State.FinishedAt}} {{.Created}}", name).out(),
            vch.ok("logs", name).out()};
    }

    private void awaitApplianceOff() {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (vch.vch.vms().stream().anyMatch(v -> v.ref().equals(vch.vch.appliance) && v.poweredOn())) {
            assertThat(System.nanoTime()).as("the appliance VM is still poweredOn 30 s after its process died")
                    .isLessThan(deadline);
            SharedVch.pause(200);
        }
    }

    /** A detached container's first output arrives once its VM has booted. */
    private String awaitLogs(String name, String expected) {
        long deadline = System.nanoTime() + LONG.toNanos();
        String out = vch.ok("logs", name).out();
        while (!out.contains(expected) && System.nanoTime() < deadline && SharedVch.pause(500)) {
            out = vch.ok("logs", name).out();
        }
        return out;
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }
}
