package dev.vch.appliance.it;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Prints the figures of docs/benchmarks-end-to-end.md (run by appliance/bench/run.sh): a VCH on
 * the embedded endpoint driven by the real docker CLI, wall-clock per CLI command.
 */
public final class EndToEndBenchmark {
    private EndToEndBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        int containers = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        Path work = Files.createTempDirectory("vch-e2e-bench");
        try (VchOnSim vch = new VchOnSim(work)) {
            DockerCli docker = new DockerCli(vch.ip, vch.certs, work);
            awaitApi(docker);
            check(docker.run("load", "-i", Path.of("").toAbsolutePath().getParent()
                    .resolve("port-layer/target/busybox.tar").toString()));
            System.out.printf("appliance RSS idle: %.0f MiB%n", applianceRssMiB(work));

            double[] run = new double[runs];
            for (int i = 0; i < runs; i++) {
                DockerCli.Result r = check(docker.run("run", "--rm", "busybox", "echo", "hello"));
                if (!r.out().equals("hello\n")) {
                    throw new IllegalStateException("unexpected output: " + r);
                }
                run[i] = r.millis();
            }
            print("docker run --rm busybox echo hello", run);

            double[] create = new double[containers];
            for (int i = 0; i < containers; i++) {
                create[i] = check(docker.run("create", "--name", "bench-" + i, "busybox", "echo", "x")).millis();
            }
            print("docker create (" + containers + " containers)", create);

            double[] ps = new double[20];
            for (int i = 0; i < ps.length; i++) {
                ps[i] = check(docker.run("ps", "-a", "-q")).millis();
            }
            print("docker ps -a with " + containers + " containers", ps);
            // the same request without the docker CLI's own start (~45 ms on this machine): curl's
            // time_total, TLS handshake with the client certificate included
            double[] api = new double[20];
            for (int i = 0; i < api.length; i++) {
                Process p = new ProcessBuilder("curl", "-s", "-o", "/dev/null", "-w", "%{time_total}",
                        "--cacert", vch.certs.resolve("ca.pem").toString(), "--cert", vch.certs.resolve("cert.pem").toString(),
                        "--key", vch.certs.resolve("key.pem").toString(),
                        "https://" + vch.ip + ":2376/v1.47/containers/json?all=1").redirectErrorStream(true).start();
                String out = new String(p.getInputStream().readAllBytes()).trim();
                if (p.waitFor() != 0) throw new IllegalStateException("curl failed: " + out);
                api[i] = Double.parseDouble(out) * 1000;
            }
            print("GET /containers/json?all=1 with " + containers + " containers (curl, TLS handshake included)", api);
            System.out.printf("appliance RSS with %d containers: %.0f MiB%n", containers, applianceRssMiB(work));
            System.out.println("load average at the end: " + Files.readString(Path.of("/proc/loadavg")).trim());
        }
    }

    private static void awaitApi(DockerCli docker) throws InterruptedException {
        for (int i = 0; i < 180; i++) {
            if (docker.run("version").code() == 0) {
                return;
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("the Docker API did not come up");
    }

    private static DockerCli.Result check(DockerCli.Result r) {
        if (r.code() != 0) {
            throw new IllegalStateException(r.toString());
        }
        return r;
    }

    private static void print(String what, double[] ms) {
        if (ms.length == 0) {
            System.out.printf("%s: not run%n", what);
            return;
        }
        double[] s = ms.clone();
        Arrays.sort(s);
        System.out.printf("%s: median %.0f ms, min %.0f ms, max %.0f ms (n=%d)%n", what, s[s.length / 2], s[0],
                s[s.length - 1], s.length);
    }

    /** VmRSS of the appliance process (the host process whose VSPHERE_VM_DIR is under {@code work}). */
    private static double applianceRssMiB(Path work) throws Exception {
        List<Path> procs = new ArrayList<>();
        try (var s = Files.list(Path.of("/proc"))) {
            s.filter(p -> p.getFileName().toString().chars().allMatch(Character::isDigit)).forEach(procs::add);
        }
        for (Path p : procs) {
            try {
                String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8);
                String env = new String(Files.readAllBytes(p.resolve("environ")), StandardCharsets.UTF_8);
                if (cmd.contains("dev.vch.appliance.Main") && env.contains(work.toString())) {
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("VmRSS:")) {
                            return Long.parseLong(line.replaceAll("\\D", "")) / 1024.0;
                        }
                    }
                }
            } catch (java.io.IOException gone) {
                // the process ended while we looked
            }
        }
        return Double.NaN;
    }
}
