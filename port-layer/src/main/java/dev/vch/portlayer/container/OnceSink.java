package dev.vch.portlayer.container;

import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps the {@link OutputSink} contract: writes only before the one {@code end}, streams filtered. */
final class OnceSink implements OutputSink {
    private final OutputSink target;
    private final boolean stdout;
    private final boolean stderr;
    private final AtomicBoolean ended = new AtomicBoolean();

    OnceSink(OutputSink target, boolean stdout, boolean stderr) {
        this.target = target;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    @Override
    public synchronized void write(StdStream stream, byte[] data) {
        if (ended.get() || stream == StdStream.STDOUT && !stdout || stream == StdStream.STDERR && !stderr) {
            return;
        }
        target.write(stream, data);
    }

    @Override
    public synchronized void end(String error) {
        if (ended.compareAndSet(false, true)) {
            target.end(error);
        }
    }

    /** A view whose {@code end} does nothing (log replay before live output). */
    OutputSink withoutEnd() {
        return new OutputSink() {
            @Override
            public void write(StdStream stream, byte[] data) {
                OnceSink.this.write(stream, data);
            }

            @Override
            public void end(String error) {
                // the live stream that follows ends the sink
            }
        };
    }
}
