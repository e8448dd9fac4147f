package dev.vch.tether.guest;

import dev.vch.tether.TetherException;
import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.NetworkEndpoint;
import dev.vch.tether.guest.sys.Fd;
import dev.vch.tether.guest.sys.Reaper;
import dev.vch.tether.guest.sys.Spawner;
import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.guest.sys.X86Backdoor;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Backdoor;
import dev.vch.tether.guestinfo.GuestInfoChannel;
import dev.vch.tether.guestinfo.GuestInfoText;
import dev.vch.tether.guestinfo.LineGuestInfoChannel;
import dev.vch.tether.guestinfo.VmwareBackdoorGuestInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The tether: PID 1 of a containerVM, started by the kernel as {@code rdinit=} the JRE's java.
 * Boots the VM into the container, runs its process, serves the link, reports to guestinfo, and
 * powers the VM off when the process ends (or when it cannot start it).
 */
public final class Main {

    /** How long a finished container waits for a host to collect its output and exit status. */
    static final long LINGER_MS = 5000;

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("--aot-training")) {
            Training.run();
            System.exit(0);
        }
        if (ProcessHandle.current().pid() != 1) {
            System.err.println("tether: must run as PID 1 inside a containerVM (see tether/README.md)");
            System.exit(2);
        }
        try {
            run();
        } catch (Throwable t) {
            Console.info("fatal: " + t);
            t.printStackTrace();
        } finally {
            powerOff();
        }
    }

    private static void run() throws Exception {
        Console.info("main");
        EarlyMounts.mountAll();
        Console.info("mounted");
        Threads.start("prewarm", Main::prewarm);
        Reaper reaper = new Reaper().start();
        KernelModules.loadAll();
        Console.info("modules loaded");
        Map<String, String> boot = bootGuestInfo();
        Console.info("fw_cfg read");
        ContainerConfig config = ExtraConfigCodec.decode(ContainerConfig.class, boot);
        Console.info("config decoded");
        Console.debug(config.debug());
        GuestInfoChannel guestInfo = openGuestInfo();
        Console.info("guestinfo open");
        StatusWriter status = StatusWriter.of(guestInfo, config);
        String id = config.id();
        try {
            preloadNativeLibraries();
            Console.info("preloaded");
            DiskFinder disks = DiskFinder.system();
            Path device = disks.await(GuestPaths.CONTAINER_LABEL, 6000);
            Console.info("disk found");
            RootSwitch.mountContainer(device);
            RootSwitch.mountVolumes(config.mounts(), disks);
            RootSwitch.switchRoot();
            Console.info("container root mounted");
            identity(config);
            Console.info("identity");
            for (Map.Entry<String, NetworkEndpoint> n : Network.configure(config).entrySet()) {
                status.network(n.getKey(), n.getValue());
            }
        } catch (TetherException e) {
            Console.info("boot failed: " + e.getMessage());
            status.bootError(id, config.mainSession(), e.getMessage());
            return;
        }
        Console.info("network");
        Launcher launcher = new Launcher(new Spawner(), reaper, EtcFiles.hostname(config));
        Sessions sessions = new Sessions(config, launcher, status::session);
        Session main = sessions.main();
        // the process first: the link's handshake work would only delay it on a small VM
        if (!config.mainSession().runBlock()) main.start();
        new LinkService(config, sessions).start();
        int code = main.exit().get();
        Console.info("container exited with " + code);
        try {
            main.delivered().get(LINGER_MS, TimeUnit.MILLISECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            Console.info("no host collected the exit status; powering off anyway");
        }
    }

    /**
     * Work the boot path will need, done while it waits for devices: downcall handles for
     * posix_spawn, the link's crypto. Each costs tens of milliseconds to set up under TCG.
     */
    private static void prewarm() {
        try {
            Spawner.init();
            int[] p = Sys.pipe();
            Sys.growPipe(p[0], 1 << 20);
            Sys.close(p[0]);
            Sys.close(p[1]);
            new java.security.SecureRandom().nextBytes(new byte[32]);
            javax.crypto.Mac.getInstance("HmacSHA256");
        } catch (Exception | Error e) {
            Console.debug("prewarm: " + e);
        }
    }

    /**
     * The guestinfo keys handed over at boot: through fw_cfg on the embedded endpoint, otherwise key by
     * key through VMware's guestinfo RPC (real ESXi).
     */
    private static Map<String, String> bootGuestInfo() throws IOException {
        Path file = Path.of(GuestPaths.FW_CFG_GUESTINFO);
        long deadline = System.nanoTime() + 2_000_000_000L;
        while (!Files.exists(file)) {
            if (System.nanoTime() > deadline) {
                Optional<VmwareBackdoorGuestInfo> vmware = vmwareBackdoor();
                if (vmware.isPresent()) return vmware.get().asMap();
                throw new TetherException(TetherException.Kind.INVALID_CONFIG, "no guestinfo at boot: " + file
                        + " is missing (is qemu_fw_cfg loaded and opt/vsphere/guestinfo given?) and no VMware backdoor answered");
            }
            Poll.pause();
        }
        return GuestInfoText.parse(Files.readString(file));
    }

    private static GuestInfoChannel openGuestInfo() {
        Optional<String> port = VirtioPorts.await(GuestPaths.GUESTINFO_PORT, 2000);
        if (port.isEmpty()) {
            Optional<VmwareBackdoorGuestInfo> vmware = vmwareBackdoor();
            if (vmware.isPresent()) return vmware.get();
            throw new TetherException(TetherException.Kind.UNAVAILABLE, "no " + GuestPaths.GUESTINFO_PORT
                    + " port and no VMware backdoor: status cannot be written back");
        }
        int fd = Sys.open(port.get(), Sys.O_RDWR | Sys.O_CLOEXEC, 0);
        return new LineGuestInfoChannel(Fd.input(fd), Fd.output(fd), () -> Sys.close(fd));
    }

    /** VMware's guestinfo RPC if the backdoor answers its version probe (logged either way). */
    private static Optional<VmwareBackdoorGuestInfo> vmwareBackdoor() {
        try {
            X86Backdoor backdoor = X86Backdoor.open();
            int version = Backdoor.version(backdoor);
            Console.info("VMware backdoor: " + (version < 0 ? "no answer" : "version " + version));
            return version < 0 ? Optional.empty() : Optional.of(new VmwareBackdoorGuestInfo(backdoor));
        } catch (RuntimeException e) {
            Console.info("VMware backdoor: " + e.getMessage());
            return Optional.empty();
        }
    }

    /** Loads libnet/libnio from /.tether/jre while the initramfs is still the root. */
    private static void preloadNativeLibraries() throws IOException {
        new java.net.Socket().close();
        java.net.InetAddress.getLoopbackAddress();
    }

    private static void identity(ContainerConfig config) throws IOException {
        String host = EtcFiles.hostname(config);
        Sys.sethostname(host);
        Path etc = Path.of("/etc");
        Files.createDirectories(etc);
        writeReplacing(etc.resolve("hostname"), host + "\n");
        writeReplacing(etc.resolve("hosts"), EtcFiles.hosts(config));
        writeReplacing(etc.resolve("resolv.conf"), EtcFiles.resolvConf(config));
    }

    private static void writeReplacing(Path p, String content) throws IOException {
        // images often ship these as symlinks (e.g. to /run/...): replace the link, not its target
        Files.deleteIfExists(p);
        Files.writeString(p, content);
    }

    private static void powerOff() {
        try {
            Sys.sync();
            Console.info("powering off");
            Sys.powerOff();
        } catch (Throwable t) {
            Console.info("power off failed: " + t);
            Runtime.getRuntime().halt(1);
        }
    }
}
