package dev.vch.sim.core;

import java.nio.file.Path;

/** What the simulator is started with. */
public record SimSettings(String model, String user, String password, Path stateDir, boolean runtimesEnabled) {
    public SimSettings {
        if (!"esx".equals(model) && !"vc".equals(model)) {
            throw new IllegalArgumentException("model must be esx or vc, not " + model);
        }
    }

    public boolean vcenter() {
        return "vc".equals(model);
    }
}
