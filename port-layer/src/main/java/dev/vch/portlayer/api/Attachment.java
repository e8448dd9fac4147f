package dev.vch.portlayer.api;

/**
 * The caller's side of a live stream to a process (attach or exec start). Output goes to
 * the {@link OutputSink} given when the stream was opened; input comes through here.
 */
public interface Attachment extends AutoCloseable {

    /** Bytes for the process's stdin. Ignored when the stream was opened without stdin. */
    void writeStdin(byte[] data);

    /**
     * The client has no more input (it half-closed). The process's stdin is closed when the
     * container has StdinOnce (or for exec); output keeps flowing until the process exits.
     */
    void closeStdin();

    /** The client went away: stop delivering output. The process keeps running. */
    @Override
    void close();
}
