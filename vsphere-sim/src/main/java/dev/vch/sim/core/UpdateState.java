package dev.vch.sim.core;

import dev.vch.sim.vim.MoRef;
import java.util.HashMap;
import java.util.Map;

/** What one session's WaitForUpdates client has seen: per filter, per object, property -> serialized value. */
public final class UpdateState {
    public long version;
    public volatile boolean cancelled;
    public final Map<String, Map<MoRef, Map<String, String>>> seen = new HashMap<>();
}
