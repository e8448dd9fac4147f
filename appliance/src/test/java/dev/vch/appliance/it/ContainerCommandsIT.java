package dev.vch.appliance.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The container commands of issue 6 with the real docker CLI against containerVMs (real qemu VMs
 * booting bootstrap.iso). Boots are the cost (10-25 s each under TCG), so each container carries
 * several checks: run options, inspect, ps and its filters, logs; a detached server for exec,
 * signals, stop, restart, wait and events; a TTY session for run -it, detach keys and attach.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(SharedVch.Resolver.class)
class ContainerCommandsIT {
    private static final Duration BOOT = Duration.ofSeconds(120);
    SharedVch vch;
    Instant began;

    @BeforeAll
    void up(SharedVch shared) {
        vch = shared;
        began = Instant.now().minusSeconds(1);
    }

    @AfterAll
    void removeWhatWasMade() {
        for (String name : new String[] {"opts", "later", "srv", "tty"}) {
            vch.docker.run("rm", "-f", name);
        }
    }

    @Test
    @Order(1)
    void runOptionsReachTheProcessAndInspectPsAndLogsShowThem() {
        DockerCli.Result r = vch.docker.run("run", "--name", "opts", "-e", "FOO=bar", "-w", "/tmp", "-u", "1000:1000",
                "--hostname", "hosty", "-l", "tier=web", "--entrypoint", "sh", "busybox", "-c",
                "echo $FOO; pwd; id -u; hostname; echo oops >&2; exit 4");
        assertThat(r.code()).as(r.toString()).isEqualTo(4);
        assertThat(r.out()).isEqualTo("bar\n/tmp\n1000\nhosty\n");
        assertThat(r.err()).isEqualTo("oops\n");
        String id = vch.ok("inspect", "--format", "{{.Id}}", "opts").out().trim();
        assertThat(vch.ok("inspect", "--format", "{{.Name}} {{.State.Status}} {{.State.ExitCode}} {{.Config.Hostname}} "
                + "{{.Config.User}} {{.Config.WorkingDir}} {{json .Config.Entrypoint}} {{json .Config.Labels}}", "opts")
                .out()).isEqualTo("/opts exited 4 hosty 1000:1000 /tmp [\"sh\"] {\"tier\":\"web\"}\n");
        assertThat(vch.ok("inspect", "--format", "{{json .Config.Env}}", "opts").out()).contains("\"FOO=bar\"");
        String imageId = vch.ok("image", "inspect", "--format", "{{.Id}}", "busybox").out().trim();
        assertThat(vch.ok("inspect", "--format", "{{.Image}}", id.substring(0, 12)).out().trim()).isEqualTo(imageId);

        // logs: both streams, tail, timestamps, since and until
        DockerCli.Result logs = vch.ok("logs", "opts");
        assertThat(logs.out()).isEqualTo("bar\n/tmp\n1000\nhosty\n");
        assertThat(logs.err()).isEqualTo("oops\n");
        // --tail counts lines of both streams together, in the order they arrived
        DockerCli.Result last = vch.ok("logs", "--tail", "1", "opts");
        assertThat((last.out() + last.err()).lines()).hasSize(1).first().isIn("hosty", "oops");
        DockerCli.Result five = vch.ok("logs", "--tail", "5", "opts");
        assertThat(five.out().lines().count() + five.err().lines().count()).isEqualTo(5);
        assertThat(vch.ok("logs", "-t", "opts").out().lines())
                .allMatch(l -> l.matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d+Z .*"));
        assertThat(vch.ok("logs", "--since", "2000-01-01T00:00:00Z", "opts").out()).isEqualTo(logs.out());
        assertThat(vch.ok("logs", "--until", "2000-01-01T00:00:00Z", "opts").out()).isEmpty();

        // ps: -a -q -l -n -s --no-trunc and the filters
        vch.ok("create", "--name", "later", "-l", "tier=db", "busybox", "true");
        assertThat(vch.ok("ps", "-a", "--filter", "name=opts", "--format", "{{.Names}} {{.Status}}").out())
                .startsWith("opts Exited (4) ");
        assertThat(vch.ok("ps", "-q").out()).doesNotContain(id.substring(0, 12));
        assertThat(vch.ok("ps", "-a", "-q", "--filter", "id=" + id.substring(0, 6)).out()).isEqualTo(id.substring(0, 12)
                + "\n");
        assertThat(vch.ok("ps", "-a", "-q", "--no-trunc", "--filter", "name=opts").out()).isEqualTo(id + "\n");
        assertThat(vch.ok("ps", "-l", "--format", "{{.Names}}").out()).isEqualTo("later\n");
        assertThat(vch.ok("ps", "-n", "2", "--format", "{{.Names}}").out()).startsWith("later\nopts\n");
        assertThat(vch.ok("ps", "-a", "-s", "--filter", "name=opts", "--format", "{{.Names}} {{.Size}}").out())
                .startsWith("opts ");
        assertThat(names("status=exited")).contains("opts").doesNotContain("later");
        assertThat(names("status=created")).contains("later").doesNotContain("opts");
        assertThat(names("exited=4")).isEqualTo("opts\n");
        assertThat(names("exited=0")).doesNotContain("opts");
        assertThat(names("label=tier=web")).isEqualTo("opts\n");
        assertThat(names("label=tier")).contains("opts", "later");
        assertThat(names("ancestor=busybox")).contains("opts", "later");
        assertThat(names("ancestor=" + imageId)).contains("opts", "later");
        assertThat(names("since=opts")).contains("later").doesNotContain("opts");
        assertThat(names("before=later")).contains("opts").doesNotContain("later");
        assertThat(vch.ok("ps", "-a", "--no-trunc", "--filter", "name=opts", "--format", "{{.Command}}").out())
                .isEqualTo("\"sh -c 'echo $FOO; pwd; id -u; hostname; echo oops >&2; exit 4'\"\n");
    }

    private String names(String filter) {
        return vch.ok("ps", "-a", "--filter", filter, "--format", "{{.Names}}").out();
    }

    @Test
    @Order(2)
    void aDetachedServerTakesExecsSignalsStopRestartWaitAndEvents() throws Exception {
        String id = vch.ok("run", "-d", "--name", "srv", "busybox", "sh", "-c",
                "trap 'echo got HUP' HUP; trap 'echo bye; exit 7' TERM; echo started; "
                        + "while true; do sleep 1; done").out().trim();
        assertThat(id).hasSize(64);
        assertThat(vch.ok("ps", "--format", "{{.Names}} {{.Status}}").out()).contains("srv Up ");
        assertThat(vch.ok("inspect", "--format", "{{.State.Running}} {{.State.Pid}}", "srv").out()).matches("true [1-9]\\d*\n");

        // exec: defaults, -e -w -u, -d, -i, exit codes
        assertThat(vch.ok("exec", "srv", "sh", "-c", "echo $HOME; pwd; id -u").out()).isEqualTo("/root\n/\n0\n");
        assertThat(vch.ok("exec", "-e", "X=1", "-w", "/etc", "-u", "1000", "srv", "sh", "-c", "echo $X; pwd; id -u")
                .out()).isEqualTo("1\n/etc\n1000\n");
        vch.ok("exec", "-d", "srv", "sh", "-c", "echo detached > /tmp/mark");
        assertThat(awaitOutput("detached", "exec", "srv", "cat", "/tmp/mark")).isEqualTo("detached\n");
        java.nio.file.Path in = java.nio.file.Files.writeString(vch.vch.work.resolve("stdin.txt"), "typed\n");
        assertThat(vch.docker.runWithInput(in, "exec", "-i", "srv", "cat").out()).isEqualTo("typed\n");
        assertThat(vch.docker.run("exec", "srv", "sh", "-c", "exit 5").code()).isEqualTo(5);
        var missing = vch.docker.run("exec", "srv", "nosuch"); // dockerd: the reason on stdout, exit code 126
        assertThat(missing.code()).isEqualTo(126);
        assertThat(missing.out()).contains("exec: \"nosuch\": executable file not found in $PATH");
        try (PtySession pty = new PtySession(vch.docker.command("exec", "-it", "srv", "sh"))) {
            pty.expect("# ", BOOT).type("tty; echo $((6*7))\r").expect("42", BOOT).type("exit 3\r");
            assertThat(pty.exitCode(BOOT)).isEqualTo(3);
            assertThat(pty.output()).contains("/dev/pts/");
        }

        // rm refuses a running container; rename; a signal the process traps
        assertThat(vch.fails(1, "rm", "srv").err()).contains("Error response from daemon: cannot remove container "
                + "\"/srv\": container is running: stop the container before removing or force remove");
        vch.ok("rename", "srv", "srv2");
        vch.ok("rename", "srv2", "srv");
        assertThat(vch.ok("kill", "-s", "HUP", "srv").out()).isEqualTo("srv\n");
        assertThat(awaitOutput("got HUP", "logs", "srv")).contains("got HUP");

        // stop: the trap runs and its exit code is kept; wait answers it
        assertThat(vch.ok("stop", "-t", "5", "srv").out()).isEqualTo("srv\n");
        assertThat(vch.ok("wait", "srv").out()).isEqualTo("7\n");
        assertThat(vch.ok("logs", "srv").out()).isEqualTo("started\ngot HUP\nbye\n");
        assertThat(vch.ok("stop", "srv").out()).isEqualTo("srv\n"); // stopped already: not an error

        // restart of an exited container boots it again; kill ends it with 137
        vch.ok("restart", "-t", "1", "srv");
        assertThat(vch.ok("inspect", "--format", "{{.State.Running}}", "srv").out()).isEqualTo("true\n");
        assertThat(vch.ok("kill", "srv").out()).isEqualTo("srv\n");
        assertThat(vch.ok("wait", "srv").out()).isEqualTo("137\n");
        assertThat(vch.ok("inspect", "--format", "{{.State.ExitCode}} {{.RestartCount}}", "srv").out()).startsWith("137 ");

        String events = vch.ok("events", "--since", Long.toString(began.getEpochSecond()), "--until",
                Long.toString(Instant.now().getEpochSecond() + 1), "--filter", "container=" + id, "--format",
                "{{.Action}}").out();
        assertThat(events.lines().map(l -> l.replaceFirst(":.*", "")).toList()).containsSubsequence("create", "start",
                "rename", "rename", "kill", "kill", "die", "stop", "start", "restart", "kill", "die");
    }

    @Test
    @Order(3)
    void runItDetachesWithTheDetachKeysAndAttachComesBack() throws Exception {
        try (PtySession run = new PtySession(vch.docker.command("run", "-it", "--name", "tty", "busybox", "sh"))) {
            run.expect("# ", BOOT).type("echo one $((1+1))\r").expect("one 2", BOOT);
            run.type("\u0010\u0011"); // ctrl-p ctrl-q: the CLI leaves, the container keeps running
            assertThat(run.exitCode(BOOT)).as(run.output()).isZero();
        }
        assertThat(vch.ok("inspect", "--format", "{{.State.Running}} {{.Config.Tty}}", "tty").out())
                .isEqualTo("true true\n");
        try (PtySession attach = new PtySession(vch.docker.command("attach", "--detach-keys", "ctrl-x", "tty"))) {
            attach.type("\r").expect("# ", BOOT).type("echo two $((2+1))\r").expect("two 3", BOOT)
                    .type("exit 3\r");
            assertThat(attach.exitCode(BOOT)).as(attach.output()).isEqualTo(3);
        }
        assertThat(vch.ok("inspect", "--format", "{{.State.Status}} {{.State.ExitCode}}", "tty").out())
                .isEqualTo("exited 3\n");
        assertThat(vch.ok("logs", "tty").out()).contains("one 2", "two 3");
        assertThat(vch.ok("rm", "-v", "tty").out()).isEqualTo("tty\n");
    }

    @Test
    @Order(4)
    void runRmRemovesTheContainerAfterItsOutput() {
        DockerCli.Result r = vch.ok("run", "--rm", "--name", "gone", "busybox", "echo", "hello");
        assertThat(r.out()).isEqualTo("hello\n");
        assertThat(vch.ok("ps", "-a", "-q", "--filter", "name=gone").out()).isEmpty();
    }

    @Test
    @Order(5)
    void infoAndVersionDescribeTheVch() {
        assertThat(vch.ok("version", "--format", "{{.Server.APIVersion}} {{.Server.MinAPIVersion}} {{.Server.Os}}")
                .out()).isEqualTo("1.45 1.24 linux\n");
        String info = vch.ok("info", "--format", "{{.Name}} {{.Images}} {{.Driver}}").out();
        assertThat(info).isEqualTo(VchOnSim.NAME + " 1 vSphere\n");
        int total = Integer.parseInt(vch.ok("info", "--format", "{{.Containers}}").out().trim());
        assertThat(total).isEqualTo(vch.ok("ps", "-a", "-q").out().lines().count());
    }

    /** Output that something asynchronous produces (exec -d, a trapped signal): asked again until it shows. */
    private String awaitOutput(String expected, String... args) {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        DockerCli.Result r = vch.docker.run(args);
        while (!r.out().contains(expected) && System.nanoTime() < deadline && SharedVch.pause(200)) {
            r = vch.docker.run(args);
        }
        return r.out();
    }
}
