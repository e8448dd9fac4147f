package dev.vch.sim.runtime;

import java.util.Map;

/**
 * The VM's {@code guestinfo.*} entries of {@code config.extraConfig}, as the runtime sees them.
 * Implemented by the simulator's VM model; the runtime reads it at power-on (fw_cfg file) and
 * serves the live guest RPC channel from it. Implementations must be thread-safe: the runtime
 * calls from its own threads.
 */
public interface GuestInfoStore {

    /** The current {@code guestinfo.*} entries (keys include the {@code guestinfo.} prefix). */
    Map<String, String> guestInfo();

    /**
     * A write by the guest. The key starts with {@code guestinfo.}; an empty value removes the key,
     * as vSphere does. Must update {@code config.extraConfig} at once (and wake property collectors).
     */
    void setGuestInfo(String key, String value);
}
