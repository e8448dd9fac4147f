package dev.vch.tether.config;

import dev.vch.tether.guestinfo.GuestWritable;
import dev.vch.tether.guestinfo.Key;

/**
 * A process the tether runs: the container's main process ({@code sessions|<container id>}) or an
 * exec ({@code execs|<exec id>}).
 *
 * @param user Docker's {@code User}: {@code name}, {@code uid}, {@code name:group} or {@code uid:gid}
 *     (names resolved in the image's /etc/passwd and /etc/group); null or empty = root
 * @param stopSignal e.g. {@code SIGTERM} (the port layer sends it over the link at stop)
 * @param runBlock the tether waits for a START message on an attach channel before it starts the
 *     process (attached {@code docker run}: no output before the client is there)
 * @param started written by the guest: {@code true}, or the error text when the process could not start
 * @param exitStatus written by the guest when the process exits (128+n for a signal n)
 * @param detail create time (host), start and stop times (guest)
 */
public record SessionConfig(
        @Key("common") Common common,
        @Key("cmd") Cmd cmd,
        @Key("tty") boolean tty,
        @Key("attach") boolean attach,
        @Key("openstdin") boolean openStdin,
        @Key("stdinonce") boolean stdinOnce,
        @Key("user") String user,
        @Key("stopSignal") String stopSignal,
        @Key("runblock") boolean runBlock,
        @GuestWritable @Key("started") String started,
        @GuestWritable @Key("status") Integer exitStatus,
        @GuestWritable @Key("detail") Detail detail) {

    /** The value of {@code started} when the process runs. */
    public static final String STARTED = "true";

    /** Without runBlock (the process starts at boot): the constructor callers used before runBlock existed. */
    public SessionConfig(Common common, Cmd cmd, boolean tty, boolean attach, boolean openStdin, boolean stdinOnce,
            String user, String stopSignal, String started, Integer exitStatus, Detail detail) {
        this(common, cmd, tty, attach, openStdin, stdinOnce, user, stopSignal, false, started, exitStatus, detail);
    }

    public SessionConfig withStatus(String newStarted, Integer newExitStatus, Detail newDetail) {
        return new SessionConfig(common, cmd, tty, attach, openStdin, stdinOnce, user, stopSignal, runBlock,
                newStarted, newExitStatus, newDetail);
    }
}
