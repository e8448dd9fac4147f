package dev.vch.tether.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * One containerVM under qemu, wired as the embedded endpoint wires it (q35, TCG with a 32 MB
 * translation cache, direct kernel boot of the ISO's default entry, the ISO as CD on a PIIX4 IDE controller, disks on pvscsi,
 * guestinfo through fw_cfg and the {@code vsphere.guestinfo} port, the link on {@code vsphere.serial0}),
 * plus the console in a file for diagnosis.
 */
public final class QemuGuest implements AutoCloseable {

    private final Process process;
    private final Path console;
    private final long startNanos;

    private QemuGuest(Process process, Path console, long startNanos) {
        this.process = process;
        this.console = console;
        this.startNanos = startNanos;
    }

    public static QemuGuest start(Path iso, BootFiles boot, List<Path> disks, GuestInfoServer guestInfo, int linkPort, Path work)
            throws IOException {
        return start(iso, boot, disks, List.of(), guestInfo, linkPort, work);
    }

    /** With vmxnet3 NICs of the given MACs, each on a UDP datagram backend that goes nowhere (loopback only). */
    public static QemuGuest start(Path iso, BootFiles boot, List<Path> disks, List<String> macs, GuestInfoServer guestInfo,
            int linkPort, Path work) throws IOException {
        Path fwcfg = guestInfo.writeFwCfg(work.resolve("guestinfo.txt"));
        Path console = work.resolve("console.log");
        List<String> cmd = new ArrayList<>(List.of("qemu-system-x86_64", "-machine", "q35", "-accel", "tcg,tb-size=32",
                // vCPUs: 1 for the ITs, -Dvch.test.smp=N for benchmarks (containerVMs get 2 by default)
                "-smp", System.getProperty("vch.test.smp", "1"), "-m", "512M", "-nodefaults", "-no-user-config", "-nographic", "-no-reboot",
                "-kernel", boot.kernel().toString(), "-initrd", boot.initrd().toString(), "-append", boot.append(),
                "-drive", "if=none,id=cdrom,media=cdrom,readonly=on,file=" + iso,
                "-device", "piix4-ide,id=piix", "-device", "ide-cd,bus=piix.0,drive=cdrom"));
        if (!disks.isEmpty()) cmd.addAll(List.of("-device", "pvscsi,id=pvscsi0"));
        for (int i = 0; i < disks.size(); i++) {
            cmd.addAll(List.of("-drive", "if=none,id=disk" + i + ",format=raw,snapshot=on,file=" + disks.get(i),
                    "-device", "scsi-hd,bus=pvscsi0.0,scsi-id=" + i + ",lun=0,drive=disk" + i));
        }
        for (int i = 0; i < macs.size(); i++) {
            int[] ports = freeUdpPorts();
            cmd.addAll(List.of("-netdev", "dgram,id=nic" + i + ",local.type=inet,local.host=127.0.0.1,local.port=" + ports[0]
                            + ",remote.type=inet,remote.host=127.0.0.1,remote.port=" + ports[1],
                    "-device", "vmxnet3,netdev=nic" + i + ",mac=" + macs.get(i) + ",romfile="));
        }
        cmd.addAll(List.of("-fw_cfg", "name=opt/vsphere/guestinfo,file=" + fwcfg,
                "-device", "virtio-serial-pci,id=vser",
                "-chardev", "socket,id=guestinfo,path=" + guestInfo.socket() + ",server=off,reconnect=1",
                "-device", "virtserialport,bus=vser.0,chardev=guestinfo,name=vsphere.guestinfo",
                "-chardev", "socket,id=serial0,host=127.0.0.1,port=" + linkPort + ",server=off,nodelay=on,reconnect=1",
                "-device", "virtserialport,bus=vser.0,chardev=serial0,name=vsphere.serial0",
                "-chardev", "file,id=con,path=" + console, "-device", "isa-serial,chardev=con"));
        long start = System.nanoTime();
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(work.resolve("qemu.out").toFile()).start();
        return new QemuGuest(p, console, start);
    }

    private static int[] freeUdpPorts() throws IOException {
        try (java.net.DatagramSocket a = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress());
             java.net.DatagramSocket b = new java.net.DatagramSocket(0, java.net.InetAddress.getLoopbackAddress())) {
            return new int[] {a.getLocalPort(), b.getLocalPort()};
        }
    }

    /** Waits for the VM to power itself off; returns qemu's exit code. */
    public int awaitPowerOff(Duration timeout) throws InterruptedException, TimeoutException, IOException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new TimeoutException("the VM did not power off within " + timeout + "; console:\n" + consoleTail());
        }
        return process.exitValue();
    }

    public boolean running() {
        return process.isAlive();
    }

    public long pid() {
        return process.pid();
    }

    /** Seconds since qemu was started. */
    public double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /**
     * CPU seconds qemu has used so far (user + system, from /proc): under TCG the guest's work, far
     * less sensitive to the host's load than elapsed time.
     */
    public double cpuSeconds() throws IOException {
        String stat = Files.readString(Path.of("/proc/" + process.pid() + "/stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields 14 and 15 of stat (utime, stime) in clock ticks; 100 per second on Linux
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    /** qemu's resident set size in KiB (from /proc). */
    public long rssKib() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/" + process.pid() + "/status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("\\D", ""));
        }
        return -1;
    }

    public String consoleTail() throws IOException {
        if (!Files.exists(console)) return "(no console output)";
        String all = new String(Files.readAllBytes(console), java.nio.charset.StandardCharsets.ISO_8859_1);
        return all.length() > 4000 ? all.substring(all.length() - 4000) : all;
    }

    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
