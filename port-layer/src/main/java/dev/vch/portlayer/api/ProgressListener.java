package dev.vch.portlayer.api;

/**
 * Progress of a long image operation (pull, load), relayed to the client as Docker's
 * JSON progress messages.
 *
 * @see ImageService#pull
 */
public interface ProgressListener {
    /**
     * One status line: {@code id} is a layer id or null, {@code status} e.g. "Pull complete",
     * {@code current}/{@code total} in bytes, both 0 when there is no byte progress.
     */
    void progress(String id, String status, long current, long total);
}
