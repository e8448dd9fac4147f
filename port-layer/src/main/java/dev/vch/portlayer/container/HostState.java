package dev.vch.portlayer.container;

import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Key;
import java.time.Instant;
import java.util.Map;

/**
 * Run state the host records in the containerVM's extraConfig ({@link #PREFIX}): when it saw
 * the container start and exit, and how. The guest records its own view in the session's
 * guest-writable keys; whichever is newer wins when the state is rebuilt.
 */
record HostState(@Key("startedAt") Instant startedAt, @Key("finishedAt") Instant finishedAt,
                 @Key("exitCode") int exitCode, @Key("error") String error) {
    static final String PREFIX = "vch.state.";
    /** Every key this record may write, so that a new state also clears old ones. */
    private static final String[] KEYS = {"/startedAt", "/finishedAt", "/exitCode", "/error"};

    Map<String, String> toExtraConfig() {
        Map<String, String> out = new java.util.HashMap<>();
        for (String k : KEYS) {
            out.put(PREFIX + k, "");
        }
        out.putAll(ExtraConfigCodec.encodeDetailed(PREFIX, this).entries());
        return out;
    }

    static HostState fromExtraConfig(Map<String, String> extraConfig) {
        return ExtraConfigCodec.decode(PREFIX, HostState.class, extraConfig);
    }
}
