package dev.vch.sim.api;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/** {@code bin/vsphere-sim}: --listen HOST:PORT --user --password --state DIR --model esx|vc --http [--no-vms]. */
public final class Main {
    private Main() {
    }

    public static void main(String[] args) throws Exception {
        int code = run(System.out, System.err, args);
        if (code != 0) System.exit(code);
    }

    static int run(PrintStream out, PrintStream err, String[] args) throws Exception {
        SimulatorConfig c = SimulatorConfig.defaults(Path.of(System.getProperty("user.home"), ".vic", "vsphere-sim"));
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            String v = i + 1 < args.length ? args[i + 1] : null;
            switch (a) {
                case "--listen" -> {
                    if (v == null || !v.contains(":")) return usage(err, "--listen needs HOST:PORT");
                    int colon = v.lastIndexOf(':');
                    c = c.withListen(v.substring(0, colon).replace("[", "").replace("]", ""), Integer.parseInt(v.substring(colon + 1)));
                    i++;
                }
                case "--user" -> { c = c.withCredentials(v, c.password()); i++; }
                case "--password" -> { c = c.withCredentials(c.user(), v); i++; }
                case "--state" -> { c = new SimulatorConfig(c.host(), c.port(), c.user(), c.password(), Path.of(v), c.model(), c.http(), c.runVms()); i++; }
                case "--model" -> {
                    if (!"esx".equals(v) && !"vc".equals(v)) return usage(err, "--model must be esx or vc");
                    c = c.withModel(v);
                    i++;
                }
                case "--http" -> c = c.withHttp(true);
                case "--no-vms" -> c = c.withRunVms(false);
                case "-h", "--help" -> {
                    usage(out, null);
                    return 0;
                }
                default -> {
                    return usage(err, "unknown option " + a);
                }
            }
            if (v == null && !a.equals("--http") && !a.equals("--no-vms")) return usage(err, a + " needs a value");
        }
        Files.createDirectories(c.stateDir());
        VsphereSimulator sim = VsphereSimulator.start(c);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            sim.close();
            done.countDown();
        }));
        out.println("SDK URL:    " + sim.sdkUrl());
        if (sim.thumbprint() != null) out.println("Thumbprint: " + sim.thumbprint());
        out.println("User:       " + c.user());
        out.println("State:      " + c.stateDir().toAbsolutePath());
        out.flush();
        done.await();
        return 0;
    }

    private static int usage(PrintStream s, String problem) {
        if (problem != null) s.println("vsphere-sim: " + problem);
        s.println("usage: vsphere-sim [--listen HOST:PORT] [--user U] [--password P] [--state DIR] [--model esx|vc] [--http] [--no-vms]");
        return problem == null ? 0 : 2;
    }
}
