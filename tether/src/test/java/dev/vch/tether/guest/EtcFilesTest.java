package dev.vch.tether.guest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.tether.config.Common;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.DnsConfig;
import dev.vch.tether.config.NetworkEndpoint;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EtcFilesTest {

    @Test
    void writesHostsAndResolvConf() {
        NetworkEndpoint bridge = new NetworkEndpoint(Common.of("n", "bridge"), null, true, "172.16.0.5/16", "172.16.0.1", true,
                List.of("172.16.0.1"), List.of("web", "www"), null);
        ContainerConfig c = new ContainerConfig(Common.of("0123456789abcdef", "web"), "web", "example.test", Map.of(), Map.of(),
                Map.of("bridge", bridge), Map.of(), new DnsConfig(List.of("8.8.8.8"), List.of("corp"), List.of("ndots:2")),
                List.of("10.0.0.9 db"), null, false);
        assertThat(EtcFiles.hosts(c)).isEqualTo("""
                127.0.0.1\tlocalhost
                ::1\tlocalhost ip6-localhost ip6-loopback
                172.16.0.5\tweb.example.test web www
                10.0.0.9 db
                """);
        assertThat(EtcFiles.resolvConf(c)).isEqualTo("nameserver 8.8.8.8\nnameserver 172.16.0.1\nsearch corp\noptions ndots:2\n");
    }

    @Test
    void hostnameDefaultsToTheShortId() {
        ContainerConfig c = new ContainerConfig(Common.of("0123456789abcdef", "x"), null, null, Map.of(), Map.of(), Map.of(),
                Map.of(), null, List.of(), null, false);
        assertThat(EtcFiles.hostname(c)).isEqualTo("0123456789ab");
        assertThat(EtcFiles.hosts(c)).contains("127.0.1.1\t0123456789ab");
        assertThat(EtcFiles.resolvConf(c)).isEmpty();
    }
}
