package dev.vch.portlayer.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.StdStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogStoreTest {
    @TempDir
    Path dir;
    static final String ID = "c".repeat(64);

    private static LogOptions opts(boolean stdout, boolean stderr, boolean follow, int tail, Instant since,
                                   boolean timestamps) {
        return new LogOptions(stdout, stderr, follow, tail, since, null, timestamps);
    }

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void keepsStreamsTailsLinesAndSurvivesANewStore() throws Exception {
        LogStore logs = new LogStore(dir);
        logs.append(ID, StdStream.STDOUT, b("one\ntwo\n"));
        logs.append(ID, StdStream.STDERR, b("oops\n"));
        logs.append(ID, StdStream.STDOUT, b("three"));

        LogStore again = new LogStore(dir); // an appliance restart reads the same files
        var all = new Fixture.Collector();
        again.read(ID, opts(true, true, false, -1, null, false), false, all);
        assertThat(all.ended.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(all.text()).isEqualTo("one\ntwo\noops\nthree");

        var out = new Fixture.Collector();
        again.read(ID, opts(true, false, false, 2, null, false), false, out);
        assertThat(out.text()).isEqualTo("two\nthree");

        var later = new Fixture.Collector();
        again.read(ID, opts(true, true, false, -1, Instant.now().plusSeconds(60), false), false, later);
        assertThat(later.text()).isEmpty();

        var stamped = new Fixture.Collector();
        again.read(ID, opts(false, true, false, -1, null, true), false, stamped);
        assertThat(stamped.text()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{9}Z oops\n");
        assertThat(again.ids()).containsExactly(ID);
    }

    @Test
    void followDeliversNewOutputUntilTheContainerStops() throws Exception {
        LogStore logs = new LogStore(dir);
        logs.append(ID, StdStream.STDOUT, b("a\n"));
        var live = new Fixture.Collector();
        logs.read(ID, opts(true, true, true, -1, null, false), true, live);
        logs.append(ID, StdStream.STDOUT, b("b\n"));
        assertThat(live.ended).isNotDone();
        logs.stopped(ID);
        assertThat(live.ended.get(1, TimeUnit.SECONDS)).isEmpty();
        assertThat(live.text()).isEqualTo("a\nb\n");
    }

    @Test
    void aRecordCutShortByACrashIsIgnoredAndDeleteRemovesTheFile() throws Exception {
        LogStore logs = new LogStore(dir);
        logs.append(ID, StdStream.STDOUT, b("whole\n"));
        Files.write(logs.file(ID), new byte[] {0, 0, 0, 1, 2}, java.nio.file.StandardOpenOption.APPEND);
        var out = new Fixture.Collector();
        logs.read(ID, opts(true, true, false, -1, null, false), false, out);
        assertThat(out.text()).isEqualTo("whole\n");
        logs.delete(ID);
        assertThat(logs.file(ID)).doesNotExist();
    }
}
