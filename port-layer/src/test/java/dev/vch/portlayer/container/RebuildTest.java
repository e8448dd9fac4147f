package dev.vch.portlayer.container;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.tether.config.Cmd;
import dev.vch.tether.config.Common;
import dev.vch.tether.config.Detail;
import dev.vch.tether.config.SessionConfig;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A container's state rebuilt from the VCH's record and the tether's, whose clocks differ. */
class RebuildTest {
    private static final Instant T = Instant.parse("2026-12-07T14:58:46Z");

    private static SessionConfig guest(Integer status, Instant start, Instant stop) {
        return new SessionConfig(Common.of("c", "c"), new Cmd("/bin/sh", List.of("sh"), List.of(), "/"), false, true, false,
                false, null, null, false, "true", status, new Detail(T.minusSeconds(60), start, stop));
    }

    @Test
    void theVchsRecordedExitWinsOverAGuestClockThatRunsAhead() {
        // the guest's stop reads 0.25 s later than the VCH's record of the same exit
        ContainerState s = Rebuild.state(false, new HostState(T, T.plusMillis(2320), 7, null),
                guest(7, T.plusMillis(100), T.plusMillis(2570)));
        assertThat(s.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(s.exitCode()).isEqualTo(7);
        assertThat(s.finishedAt()).isEqualTo(T.plusMillis(2320));
    }

    @Test
    void aVmStillShuttingDownAfterARecordedExitIsExited() {
        ContainerState s = Rebuild.state(true, new HostState(T, T.plusSeconds(2), 3, null), guest(null, T.plusSeconds(1), null));
        assertThat(s.status()).isEqualTo(ContainerStatus.EXITED);
        assertThat(s.exitCode()).isEqualTo(3);
    }

    @Test
    void anExitWhileTheVchWasDownIsTheGuests() {
        ContainerState s = Rebuild.state(false, new HostState(T, null, 0, null), guest(5, T.plusSeconds(1), T.plusSeconds(9)));
        assertThat(s.exitCode()).isEqualTo(5);
        assertThat(s.finishedAt()).isEqualTo(T.plusSeconds(9));
    }

    @Test
    void aRunWhoseStartTheVchDidNotRecordIsTheGuests() {
        // the VCH's record is of the previous run (its start's write was lost); the guest ran again since
        ContainerState s = Rebuild.state(false, new HostState(T, T.plusSeconds(5), 1, null),
                guest(2, T.plusSeconds(60), T.plusSeconds(70)));
        assertThat(s.exitCode()).isEqualTo(2);
    }

    @Test
    void aStaleGuestExitOfTheLastRunDoesNotEndTheRunningOne() {
        ContainerState s = Rebuild.state(true, new HostState(T.plusSeconds(60), null, 0, null),
                guest(4, T.plusSeconds(61), T.plusSeconds(30)));
        assertThat(s.status()).isEqualTo(ContainerStatus.RUNNING);
    }

    @Test
    void offWithNoExitRecordedAnywhereDiedWithItsVm() {
        ContainerState s = Rebuild.state(false, new HostState(T, null, 0, null), guest(null, T.plusSeconds(1), null));
        assertThat(s.exitCode()).isEqualTo(137);
        assertThat(Rebuild.state(false, new HostState(null, null, 0, null), null).status()).isEqualTo(ContainerStatus.CREATED);
    }
}
