package dev.vch.portlayer.api;

import java.time.Instant;

/**
 * The runtime state of a container. Times are null when the event has not happened.
 *
 * @param exitCode meaningful once the container has run and stopped
 * @param error    the last start/run error, or empty
 */
public record ContainerState(ContainerStatus status, int pid, int exitCode, String error, boolean oomKilled,
                             Instant startedAt, Instant finishedAt) {
    public ContainerState {
        error = error == null ? "" : error;
    }

    public boolean running() {
        return status == ContainerStatus.RUNNING || status == ContainerStatus.PAUSED
                || status == ContainerStatus.RESTARTING;
    }

    public static ContainerState created() {
        return new ContainerState(ContainerStatus.CREATED, 0, 0, "", false, null, null);
    }
}
