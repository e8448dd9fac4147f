package dev.vch.appliance.it;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import dev.vch.vicmachine.cli.Context;
import dev.vch.vicmachine.cli.Main;
import dev.vch.vsphere.api.ComputeResource;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereTarget;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The embedded endpoint in process and a VCH on it installed as a user does it: {@code
 * vic-machine update firewall --allow} and {@code vic-machine create} (in process, through its
 * {@code Main.run}), with the appliance from appliance.iso as a host process and containerVMs
 * booting bootstrap.iso under qemu. A vSphere client of its own serves the checks the docker CLI
 * cannot make (VMs, power states, the datastore directory) and power-cycles the appliance.
 */
final class VchOnSim implements AutoCloseable {
    static final String NAME = "vch-e2e";
    static final String USER = "root";
    static final String PASSWORD = "e2e-secret";
    private static final Pattern IP = Pattern.compile("Appliance IP address: (\\S+)");

    final VsphereSimulator sim;
    final VsphereClient vc;
    final Path work;
    final Path certs;
    final MoRef appliance;
    final String ip;

    VchOnSim(Path work) throws Exception {
        this.work = work;
        Path root = Path.of("").toAbsolutePath().getParent();
        Path applianceIso = root.resolve("appliance/target/appliance.iso");
        Path built = root.resolve("bootstrap-iso/target/iso/bootstrap.iso");
        if (!Files.isRegularFile(built)) {
            built = root.resolve("bootstrap-iso/target/bootstrap.iso");
        }
        Path bootstrapIso = Path.of(System.getProperty("vch.bootstrapIso", built.toString()));
        for (Path iso : List.of(applianceIso, bootstrapIso)) {
            if (!Files.isRegularFile(iso)) {
                throw new AssertionError(iso + " is missing: build the module that makes it first (bootstrap-iso "
                        + "for bootstrap.iso, appliance for appliance.iso)");
            }
        }
        sim = VsphereSimulator.start(SimulatorConfig.defaults(work.resolve("state")).withModel("esx")
                .withCredentials(USER, PASSWORD));
        certs = work.resolve("certs");
        vicMachine("update", "firewall", "--allow");
        String out = vicMachine("create", "--name", NAME, "--appliance-iso", applianceIso.toString(),
                "--bootstrap-iso", bootstrapIso.toString(), "--tls-cert-path", certs.toString(), "--timeout", "3m");
        Matcher m = IP.matcher(out);
        if (!m.find()) {
            throw new AssertionError("vic-machine create printed no appliance address:\n" + out);
        }
        ip = m.group(1);
        vc = VsphereClient.connect(new VsphereTarget(sim.sdkUrl(), USER, PASSWORD, sim.thumbprint()));
        appliance = vms().stream().filter(v -> v.name().equals(NAME)).findFirst()
                .orElseThrow(() -> new AssertionError("no appliance VM named " + NAME)).ref();
    }

    /** vic-machine with this endpoint as its target; fails the test unless it exits 0. */
    String vicMachine(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--target", sim.sdkUrl().toString(), "--user", USER, "--password", PASSWORD,
                "--thumbprint", sim.thumbprint()));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new Context(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), Map.of(), work), all.toArray(new String[0]));
        String text = out.toString(StandardCharsets.UTF_8);
        if (code != 0) {
            throw new AssertionError("vic-machine " + String.join(" ", args) + " exited " + code + "\n--- out\n"
                    + text + "--- err\n" + err.toString(StandardCharsets.UTF_8) + "\n--- appliance.log\n"
                    + applianceLog());
        }
        return text;
    }

    /** Every VM under the host's root pool: the appliance and the containerVMs. */
    List<VmInfo> vms() {
        Datacenter dc = vc.inventory().datacenter(null);
        ComputeResource cr = vc.inventory().computeResource(dc, null);
        return vc.vms().below(cr.rootPool());
    }

    /** The datastore's directory on the local disk (the embedded endpoint keeps datastores as directories). */
    Path datastoreDir() {
        return work.resolve("state/datastores/datastore1");
    }

    /** Powers the appliance VM on and checks it comes back on its address. */
    void powerOnAppliance() {
        vc.vms().powerOn(appliance);
        String again = vc.vms().waitForIp(appliance, Duration.ofSeconds(60));
        if (!again.equals(ip)) {
            throw new AssertionError("the appliance came back on " + again + " instead of " + ip);
        }
    }

    /**
     * The pid of the appliance's host process: the process whose environment names the appliance
     * VM's directory under this test's state (run.sh execs the JVM, so it is the JVM).
     */
    long appliancePid() {
        String vmDir = "VSPHERE_VM_DIR=" + work.resolve("state/vms/" + appliance.value());
        return ProcessHandle.allProcesses().filter(p -> environ(p.pid()).contains(vmDir)).mapToLong(ProcessHandle::pid)
                .findFirst().orElseThrow(() -> new AssertionError("no appliance process with " + vmDir));
    }

    /** The pid of the qemu process of a containerVM (its command line names the VM id). */
    long qemuPid(MoRef vm) {
        String guest = "guest=" + vm.value();
        return ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains("qemu-system") && c.contains(guest + ",")
                        || c.contains("qemu-system") && c.contains(guest + " ")).orElse(false))
                .mapToLong(ProcessHandle::pid).findFirst()
                .orElseThrow(() -> new AssertionError("no qemu process for " + vm.value()));
    }

    private static String environ(long pid) {
        try {
            return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/environ")), StandardCharsets.UTF_8)
                    .replace('\0', '\n') + "\n";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }

    /** The appliance's log file (in its host-process directory under the simulator's state). */
    String applianceLog() {
        try (var s = Files.walk(work.resolve("state"))) {
            Path p = s.filter(f -> f.getFileName().toString().equals("appliance.log")).findFirst().orElse(null);
            return p == null ? "(no appliance.log)" : Files.readString(p);
        } catch (IOException e) {
            return "(cannot read appliance.log: " + e.getMessage() + ")";
        }
    }

    /** Powers off every VM (containerVMs and the appliance), then stops the endpoint. */
    @Override
    public void close() {
        try {
            for (VmInfo v : vms()) {
                if (v.poweredOn()) {
                    vc.vms().powerOff(v.ref());
                }
            }
        } finally {
            vc.close();
            sim.close();
        }
    }
}
