package dev.vch.sim.api;

import java.nio.file.Path;

/**
 * How to start an in-process simulator.
 *
 * @param host address to listen on (127.0.0.1 by default)
 * @param port 0 for a free port
 * @param http plain HTTP instead of HTTPS
 * @param runVms false to keep VMs as inventory only (power state changes without a process), for tests without qemu
 */
public record SimulatorConfig(String host, int port, String user, String password, Path stateDir, String model, boolean http,
        boolean runVms) {

    public static SimulatorConfig defaults(Path stateDir) {
        return new SimulatorConfig("127.0.0.1", 0, "user", "pass", stateDir, "vc", false, true);
    }

    public SimulatorConfig withModel(String m) {
        return new SimulatorConfig(host, port, user, password, stateDir, m, http, runVms);
    }

    public SimulatorConfig withHttp(boolean h) {
        return new SimulatorConfig(host, port, user, password, stateDir, model, h, runVms);
    }

    public SimulatorConfig withRunVms(boolean r) {
        return new SimulatorConfig(host, port, user, password, stateDir, model, http, r);
    }

    public SimulatorConfig withCredentials(String u, String p) {
        return new SimulatorConfig(host, port, u, p, stateDir, model, http, runVms);
    }

    public SimulatorConfig withListen(String h, int p) {
        return new SimulatorConfig(h, p, user, password, stateDir, model, http, runVms);
    }
}
