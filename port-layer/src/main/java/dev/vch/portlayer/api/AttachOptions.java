package dev.vch.portlayer.api;

/**
 * Which streams to attach. {@code logs} replays earlier output first; {@code stream}
 * delivers live output (attach as {@code docker run} does it: stream only).
 */
public record AttachOptions(boolean stdin, boolean stdout, boolean stderr, boolean logs, boolean stream,
                            String detachKeys) {
}
