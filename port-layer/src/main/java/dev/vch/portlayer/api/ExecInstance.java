package dev.vch.portlayer.api;

/**
 * An exec session as inspected: {@code exitCode} is null while it has not finished.
 */
public record ExecInstance(String id, String containerId, ExecSpec spec, boolean running, Integer exitCode,
                           int pid) {
}
