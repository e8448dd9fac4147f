package dev.vch.tether.guest.sys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** posix_spawn through FFM on the build host (root), without being PID 1. */
@Timeout(30)
class SpawnerTest {

    static final Spawner SPAWNER = new Spawner();
    static final Reaper REAPER = new Reaper().start();
    static final List<String> ENV = List.of("PATH=/usr/bin:/bin");

    record Run(String out, String err, int code) {
    }

    static Run run(SpawnSpec spec, int[] outPipe, int[] errPipe) throws Exception {
        long pid = SPAWNER.spawn(spec);
        var exit = REAPER.register(pid);
        Sys.close(outPipe[1]);
        Sys.close(errPipe[1]);
        try (InputStream out = Fd.input(outPipe[0]); InputStream err = Fd.input(errPipe[0])) {
            String o = new String(out.readAllBytes(), StandardCharsets.UTF_8);
            String e = new String(err.readAllBytes(), StandardCharsets.UTF_8);
            return new Run(o, e, exit.get(10, TimeUnit.SECONDS).exitCode());
        }
    }

    static Run sh(String script, int uid, int gid, String dir) throws Exception {
        int[] out = Sys.pipe();
        int[] err = Sys.pipe();
        return run(new SpawnSpec("/bin/sh", List.of("sh", "-c", script), ENV, dir, uid, gid, new int[0], null, -1, out[1], err[1]),
                out, err);
    }

    @Test
    void runsWithPipesEnvAndExitCode() throws Exception {
        Run r = sh("echo out:$PATH; echo err >&2; pwd; exit 3", 0, 0, "/tmp");
        assertThat(r.out()).isEqualTo("out:/usr/bin:/bin\n/tmp\n");
        assertThat(r.err()).isEqualTo("err\n");
        assertThat(r.code()).isEqualTo(3);
    }

    @Test
    void runsAsAnotherUserInItsOwnSessionAndTheSpawnerStaysRoot() throws Exception {
        Run r = sh("id -u; id -g; ps -o sid= -p $$ 2>/dev/null || cat /proc/self/stat | cut -d' ' -f6; echo $$", 65534, 65534, "/");
        String[] lines = r.out().split("\n");
        assertThat(lines[0]).isEqualTo("65534");
        assertThat(lines[1]).isEqualTo("65534");
        assertThat(lines[2].trim()).isEqualTo(lines[3].trim());
        assertThat(sh("id -u", 0, 0, "/").out()).isEqualTo("0\n");
    }

    @Test
    void killedBySignalReports128PlusN() throws Exception {
        assertThat(sh("kill -TERM $$", 0, 0, "/").code()).isEqualTo(143);
    }

    @Test
    void missingProgramFailsWithEnoent() {
        assertThatThrownBy(() -> SPAWNER.spawn(new SpawnSpec("/nonexistent/prog", List.of("prog"), ENV, "/", 0, 0, null, null, -1, -1, -1)))
                .isInstanceOf(SysException.class)
                .satisfies(e -> assertThat(((SysException) e).errno()).isEqualTo(Libc.ENOENT));
    }

    @Test
    void ttyIsTheControllingTerminalWithItsSize() throws Exception {
        Pty pty = Pty.open(30, 100);
        long pid = SPAWNER.spawn(new SpawnSpec("/bin/sh", List.of("sh", "-c", "read x; echo got:$x; stty size; tty"), ENV, "/",
                0, 0, null, pty.slavePath(), -1, -1, -1));
        var exit = REAPER.register(pid);
        Sys.close(pty.slave());
        OutputStream in = Fd.output(pty.master());
        in.write("hello\n".getBytes());
        StringBuilder all = new StringBuilder();
        try (InputStream out = Fd.input(pty.master())) {
            byte[] buf = new byte[4096];
            int n;
            while ((n = out.read(buf)) > 0) all.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        assertThat(exit.get(10, TimeUnit.SECONDS).exitCode()).isZero();
        assertThat(all.toString()).contains("got:hello").contains("30 100").contains(pty.slavePath());
    }
}
