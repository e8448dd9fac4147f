package dev.vch.iso;

import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.DnsConfig;
import dev.vch.tether.config.SessionConfig;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Container configs for the ITs, as the port layer would write them. */
final class Containers {

    static final byte[] SECRET = "it-link-secret-0123456789".getBytes();

    private Containers() {
    }

    static SessionConfig session(String id, boolean tty, boolean openStdin, String user, String dir, List<String> env, String... argv) {
        return new SessionConfig(Common.of(id, id), new Cmd(argv[0], Arrays.asList(argv).subList(1, argv.length), env, dir),
                tty, true, openStdin, openStdin, user, "SIGTERM", false, null, null, null);
    }

    static SessionConfig runBlock(SessionConfig s) {
        return new SessionConfig(s.common(), s.cmd(), s.tty(), s.attach(), s.openStdin(), s.stdinOnce(), s.user(), s.stopSignal(),
                true, null, null, null);
    }

    static ContainerConfig container(String id, SessionConfig main) {
        return new ContainerConfig(Common.of(id, "it-" + id.substring(0, 6)), "it-host", null, Map.of(id, main), Map.of(), Map.of(),
                Map.of(), new DnsConfig(List.of("10.0.0.53"), List.of("example.test"), List.of()), List.of("10.9.9.9 db"), SECRET, true);
    }

    static String id(char c) {
        return String.valueOf(c).repeat(64);
    }
}
