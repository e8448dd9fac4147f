package dev.vch.sim.runtime;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Starts VMs under qemu, and finds them again after a simulator restart. */
final class QemuRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(QemuRuntime.class);
    private static final long QMP_TIMEOUT_MS = 30_000;

    private final Path stateDir;
    private final Switches switches;

    QemuRuntime(Path stateDir, Switches switches) {
        this.stateDir = stateDir;
        this.switches = switches;
    }

    RunningVm powerOn(VmLaunch launch, IsoCache.IsoBoot boot) throws IOException {
        try {
            return start(launch, boot);
        } catch (IOException e) {
            // a NIC's free UDP port is probed, then bound by qemu: another process may win the race
            if (launch.nics().isEmpty() || e.getMessage() == null || !e.getMessage().contains("Address already in use")) {
                throw e;
            }
            LOG.info("qemu of {} lost a NIC port race; starting it once more", launch.vmId());
            return start(launch, boot);
        }
    }

    private RunningVm start(VmLaunch launch, IsoCache.IsoBoot boot) throws IOException {
        long t0 = System.nanoTime();
        VmPaths paths = VmPaths.of(launch);
        Files.createDirectories(paths.workDir());
        Files.createDirectories(paths.socketDir());
        try (var old = Files.list(paths.socketDir())) {
            for (Path p : old.filter(paths::isQmpSocket).toList()) Files.deleteIfExists(p); // their qemu is gone: the VM is off
        }
        Path qmpSocket = paths.qmpSocket(System.nanoTime());
        Files.writeString(paths.fwCfgFile(), GuestInfoCodec.fwCfgText(launch.guestInfo().guestInfo()), StandardCharsets.UTF_8);
        List<AutoCloseable> cleanup = new ArrayList<>();
        Process process = null;
        try {
            cleanup.add(GuestInfoServer.unix(launch.vmId(), paths.guestInfoSocket(), launch.guestInfo()));
            List<QemuCommand.NicPorts> ports = new ArrayList<>();
            for (NicAttachment nic : launch.nics()) {
                PortgroupSwitch sw = switches.open(nic.portgroup(), 0);
                int local = Switches.freeUdpPort();
                InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", local);
                sw.attach(endpoint);
                cleanup.add(() -> sw.detach(endpoint));
                ports.add(new QemuCommand.NicPorts(local, sw.port()));
            }
            List<String> argv = QemuCommand.build(launch, new QemuCommand.Plan(
                    Accelerator.detect(stateDir.resolve("probe")), boot, paths, qmpSocket, ports));
            LOG.debug("starting qemu for {}: {}", launch.vmId(), argv);
            Files.writeString(paths.log(), "--- power on " + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8, java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            long launched = System.nanoTime();
            process = new ProcessBuilder(ProcInfo.detached(argv))
                    .directory(paths.workDir().toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()))
                    .start();
            Process started = process;
            Qmp qmp;
            try {
                qmp = Qmp.connect(qmpSocket, started::isAlive, QMP_TIMEOUT_MS);
            } catch (IOException e) {
                started.destroyForcibly();
                started.onExit().join();
                throw new IOException("Tried to power on " + launch.vmId() + " but qemu failed: "
                        + ProcInfo.tail(paths.log(), 1500), e);
            }
            LOG.info("powered on {} under qemu: pid {}, QMP up after {} ms", launch.vmId(), process.pid(),
                    (System.nanoTime() - t0) / 1_000_000);
            QemuVm vm = new QemuVm(launch, process.toHandle(), process, qmp, qmpSocket, cleanup);
            vm.startTimes = new QemuVm.StartTimes(t0, launched, System.nanoTime());
            return vm;
        } catch (IOException | RuntimeException e) {
            if (process != null) process.destroyForcibly();
            closeAll(cleanup);
            throw e;
        }
    }

    /** The VM if {@code pid} is still this VM's qemu: its argv names qemu and {@code guest=<vmId>}. */
    Optional<RunningVm> reattach(VmLaunch launch, long pid) throws IOException {
        Optional<List<String>> argv = ProcInfo.cmdline(pid);
        if (argv.isEmpty() || !isQemuOf(argv.get(), launch.vmId())) {
            return Optional.empty();
        }
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (handle.isEmpty()) {
            return Optional.empty();
        }
        List<String> args = argv.get();
        Path guestInfoSocket = Path.of(chardevPath(args, "guestinfo").orElse(VmPaths.of(launch).guestInfoSocket().toString()));
        Optional<String> qmpPath = chardevPath(args, "qmp");
        if (qmpPath.isEmpty()) {
            return Optional.empty(); // not a command line of ours
        }
        Path qmpSocket = Path.of(qmpPath.get());
        List<AutoCloseable> cleanup = new ArrayList<>();
        try {
            cleanup.add(GuestInfoServer.unix(launch.vmId(), guestInfoSocket, launch.guestInfo()));
            List<int[]> nics = dgramPorts(args);
            for (int i = 0; i < nics.size() && i < launch.nics().size(); i++) {
                PortgroupSwitch sw = switches.open(launch.nics().get(i).portgroup(), nics.get(i)[1]);
                InetSocketAddress endpoint = new InetSocketAddress("127.0.0.1", nics.get(i)[0]);
                sw.attach(endpoint);
                cleanup.add(() -> sw.detach(endpoint));
            }
        } catch (IOException | RuntimeException e) {
            closeAll(cleanup);
            throw e;
        }
        LOG.info("reattached {} to its running qemu, pid {}", launch.vmId(), pid);
        return Optional.of(new QemuVm(launch, handle.get(), null, null, qmpSocket, cleanup));
    }

    static boolean isQemuOf(List<String> argv, String vmId) {
        if (argv.isEmpty() || !argv.getFirst().endsWith(QemuCommand.QEMU)) {
            return false;
        }
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-name") && argv.get(i + 1).equals("guest=" + vmId)) {
                return true;
            }
        }
        return false;
    }

    /** The path= of the socket chardev with {@code id}, commas unescaped. */
    static Optional<String> chardevPath(List<String> argv, String id) {
        for (int i = 0; i + 1 < argv.size(); i++) {
            String v = argv.get(i + 1);
            if (argv.get(i).equals("-chardev") && v.startsWith("socket,id=" + id + ",path=")) {
                String rest = v.substring(("socket,id=" + id + ",path=").length());
                StringBuilder path = new StringBuilder();
                for (int j = 0; j < rest.length(); j++) {
                    char c = rest.charAt(j);
                    if (c == ',') {
                        if (j + 1 < rest.length() && rest.charAt(j + 1) == ',') {
                            path.append(',');
                            j++;
                            continue;
                        }
                        break;
                    }
                    path.append(c);
                }
                return Optional.of(path.toString());
            }
        }
        return Optional.empty();
    }

    /** {local port, switch port} of each {@code -netdev dgram}, in NIC order. */
    static List<int[]> dgramPorts(List<String> argv) {
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i + 1 < argv.size(); i++) {
            if (argv.get(i).equals("-netdev") && argv.get(i + 1).startsWith("dgram,")) {
                int local = 0;
                int remote = 0;
                for (String opt : argv.get(i + 1).split(",")) {
                    if (opt.startsWith("local.port=")) local = Integer.parseInt(opt.substring(11));
                    if (opt.startsWith("remote.port=")) remote = Integer.parseInt(opt.substring(12));
                }
                out.add(new int[] {local, remote});
            }
        }
        return out;
    }

    static void closeAll(List<AutoCloseable> resources) {
        for (AutoCloseable c : resources) {
            try {
                c.close();
            } catch (Exception ignored) {
                // best effort while failing anyway
            }
        }
    }
}
