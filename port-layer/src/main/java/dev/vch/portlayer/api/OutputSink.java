package dev.vch.portlayer.api;

/**
 * Where the port layer delivers a process's output (attach, exec start, logs). Calls come
 * from port-layer threads, one at a time per sink, in order. {@link #end} is called exactly
 * once: when the process exits, the log is exhausted (no follow), or the stream is detached.
 */
public interface OutputSink {

    /** A chunk of output; the array is owned by the sink after the call. */
    void write(StdStream stream, byte[] data);

    /** No more output will come. {@code error} is null on a normal end. */
    void end(String error);
}
