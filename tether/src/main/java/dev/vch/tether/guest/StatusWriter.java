package dev.vch.tether.guest;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.Detail;
import dev.vch.tether.config.NetworkEndpoint;
import dev.vch.tether.config.SessionConfig;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.GuestInfoChannel;
import java.util.Map;

/**
 * Writes what the guest knows back to guestinfo: only the {@code @GuestWritable} keys, named by
 * encoding a config that holds just the changed part (so the key names come from the codec).
 */
final class StatusWriter {

    private final GuestInfoChannel channel;
    private final ContainerConfig config;

    StatusWriter(GuestInfoChannel channel, ContainerConfig config) {
        this.channel = channel;
        this.config = config;
    }

    /** The main session's started/status/times. */
    void session(Session s) {
        SessionConfig base = s.config();
        Detail old = base.detail();
        Detail detail = new Detail(old == null ? null : old.createTime(), s.startTime(), s.stopTime());
        String started = s.error() != null ? s.error() : s.startTime() != null ? SessionConfig.STARTED : null;
        Integer status = s.exit().isDone() ? s.exit().join() : null;
        SessionConfig now = base.withStatus(started, status, detail);
        write(only(Map.of(s.id(), now), Map.of()));
    }

    /** An error before any process ran (no disk, bad config): shown as the main session's start error. */
    void bootError(String sessionId, SessionConfig base, String message) {
        write(only(Map.of(sessionId, base.withStatus(message, null, base.detail())), Map.of()));
    }

    void network(String name, NetworkEndpoint n) {
        write(only(Map.of(), Map.of(name, n)));
    }

    private ContainerConfig only(Map<String, SessionConfig> sessions, Map<String, NetworkEndpoint> networks) {
        return new ContainerConfig(null, null, null, sessions, null, networks, null, null, null, null, false);
    }

    private void write(ContainerConfig partial) {
        ExtraConfigCodec.Encoded e = ExtraConfigCodec.encodeDetailed(ExtraConfigCodec.PREFIX, partial);
        for (String key : e.guestWritableKeys()) {
            try {
                channel.set(key, e.entries().get(key));
            } catch (RuntimeException ex) {
                Console.info("cannot write " + key + ": " + ex.getMessage());
            }
        }
    }

    static StatusWriter of(GuestInfoChannel channel, ContainerConfig config) {
        return new StatusWriter(channel, config);
    }
}
