package dev.vch.tether.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.TetherException;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ContainerConfigCodecTest {

    static final String ID = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";

    static ContainerConfig sample() {
        SessionConfig main = new SessionConfig(Common.of(ID, "web"),
                new Cmd("/bin/sh", List.of("-c", "echo hi | cat"), List.of("PATH=/usr/bin:/bin", "A=b=c"), "/tmp"),
                true, true, true, false, "nobody:nogroup", "SIGTERM", null, null,
                new Detail(Instant.ofEpochSecond(1_700_000_000L), null, null));
        NetworkEndpoint net = new NetworkEndpoint(Common.of("pg-1", "bridge"), "00:50:56:00:00:01", true,
                "172.16.0.2/16", "172.16.0.1", true, List.of("172.16.0.1"), List.of("web"), null);
        return new ContainerConfig(Common.of(ID, "web"), "web", null, Map.of(ID, main), Map.of(),
                Map.of("bridge", net), Map.of("data", new MountSpec("vol-data", "/data", false, List.of("noatime"))),
                new DnsConfig(List.of("8.8.8.8"), List.of("example.com"), List.of()), List.of("10.0.0.5 db"),
                new byte[] {9, 8, 7}, false);
    }

    @Test
    void encodesVicStyleKeys() {
        Map<String, String> keys = ExtraConfigCodec.encode(sample());
        assertThat(keys)
                .containsEntry("guestinfo.vice./common/id", ID)
                .containsEntry("guestinfo.vice./sessions", ID)
                .containsEntry("guestinfo.vice./sessions|" + ID + "/cmd/Path", "/bin/sh")
                .containsEntry("guestinfo.vice./sessions|" + ID + "/cmd/Args~", "-c|echo hi %7C cat")
                .containsEntry("guestinfo.vice./sessions|" + ID + "/cmd/Env~", "PATH=/usr/bin:/bin|A=b=c")
                .containsEntry("guestinfo.vice./sessions|" + ID + "/user", "nobody:nogroup")
                .containsEntry("guestinfo.vice..sessions|" + ID + ".detail.createtime", "1700000000")
                .containsEntry("guestinfo.vice./networks|bridge/ip", "172.16.0.2/16")
                .containsEntry("guestinfo.vice./volumes|data/path", "/data")
                .containsEntry("guestinfo.vice./key", "CQgH")
                .doesNotContainKey("guestinfo.vice./execs");
        assertThat(keys.keySet()).allMatch(k -> !k.contains(" ") && !k.contains("=") && !k.contains("%"));
    }

    @Test
    void roundTripsAndFindsTheMainSession() {
        ContainerConfig back = ExtraConfigCodec.decode(ContainerConfig.class, ExtraConfigCodec.encode(sample()));
        assertThat(back).usingRecursiveComparison().isEqualTo(sample());
        assertThat(back.mainSession().cmd().argv()).containsExactly("/bin/sh", "-c", "echo hi | cat");
    }

    @Test
    void guestWrittenStatusUsesDotKeys() {
        ContainerConfig c = sample();
        SessionConfig done = c.mainSession().withStatus("true", 3,
                new Detail(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2), Instant.ofEpochSecond(3)));
        ContainerConfig after = new ContainerConfig(c.common(), c.hostname(), c.domainname(), Map.of(ID, done), c.execs(),
                c.networks(), c.mounts(), c.dns(), c.hosts(), c.linkSecret(), c.debug());
        var enc = ExtraConfigCodec.encodeDetailed(ExtraConfigCodec.PREFIX, after);
        assertThat(enc.entries()).containsEntry("guestinfo.vice..sessions|" + ID + ".started", "true")
                .containsEntry("guestinfo.vice..sessions|" + ID + ".status", "3")
                .containsEntry("guestinfo.vice..sessions|" + ID + ".detail.stoptime", "3");
        assertThat(enc.secretKeys()).containsExactly("guestinfo.vice./key");
    }

    @Test
    void secretNeverPrinted() {
        assertThat(sample().toString()).doesNotContain("CQgH").contains("redacted");
    }

    @Test
    void missingIdIsAClearError() {
        ContainerConfig empty = ExtraConfigCodec.decode(ContainerConfig.class, Map.of());
        assertThatThrownBy(empty::mainSession).isInstanceOf(TetherException.class).hasMessageContaining("/common/id");
    }
}
