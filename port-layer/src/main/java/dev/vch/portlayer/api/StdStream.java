package dev.vch.portlayer.api;

/** A process output stream. The numbers are those of Docker's multiplexed framing. */
public enum StdStream {
    STDIN(0), STDOUT(1), STDERR(2);

    private final int number;

    StdStream(int number) {
        this.number = number;
    }

    public int number() {
        return number;
    }
}
