package dev.vch.sim.runtime;

import dev.vch.sim.runtime.VmRuntimeException.Kind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the qemu command line of a VM from its launch description: the vSphere to qemu device
 * mapping of docs/design/vm-runtime.md lives here and nowhere else.
 */
final class QemuCommand {

    static final String QEMU = "qemu-system-x86_64";
    /** qemu's id of the CD-ROM device (a running VM's medium is changed through it). */
    static final String CDROM_ID = "cd0";

    /** The UDP ports of one NIC: its own end (qemu binds it) and its portgroup switch's. */
    record NicPorts(int localPort, int switchPort) {
    }

    /** Everything decided before building the command line. */
    record Plan(Accelerator accel, IsoCache.IsoBoot boot, VmPaths paths, Path qmpSocket, List<NicPorts> nicPorts) {
    }

    private QemuCommand() {
    }

    static List<String> build(VmLaunch launch, Plan plan) throws IOException {
        List<String> a = new ArrayList<>(List.of(QEMU, "-name", "guest=" + launch.vmId(), "-machine", "q35"));
        a.addAll(plan.accel().qemuArgs);
        a.addAll(List.of("-smp", String.valueOf(launch.cpus()), "-m", launch.memoryMb() + "M",
                "-nodefaults", "-no-user-config", "-nographic",
                // a guest kernel panic (e.g. a container's init died) ends qemu with 1 instead of a
                // VM that hangs poweredOn forever; the guest needs the pvpanic + pvpanic-mmio modules
                "-device", "pvpanic", "-action", "panic=exit-failure"));
        a.addAll(List.of("-chardev", "socket,id=qmp,path=" + esc(plan.qmpSocket()) + ",server=on,wait=off",
                "-mon", "chardev=qmp,mode=control"));
        boot(launch, plan, a);
        disks(launch, a);
        nics(launch, plan, a);
        // guestinfo: fw_cfg at boot, and the live RPC port whose server end the simulator hosts
        a.addAll(List.of("-fw_cfg", "name=opt/vsphere/guestinfo,file=" + esc(plan.paths().fwCfgFile()),
                "-device", "virtio-serial-pci,id=vser",
                "-chardev", "socket,id=guestinfo,path=" + esc(plan.paths().guestInfoSocket()) + ",server=off,reconnect=1",
                "-device", "virtserialport,bus=vser.0,chardev=guestinfo,name=vsphere.guestinfo"));
        serials(launch, a);
        return a;
    }

    private static void boot(VmLaunch launch, Plan plan, List<String> a) {
        if (launch.cdromIso() != null) {
            // the CD on a PIIX4 IDE controller, as ESXi presents its IDE controller: a guest reads it with
            // ata_piix (which it needs on ESXi anyway; the Debian cloud kernel has no AHCI driver)
            a.addAll(List.of("-drive", "if=none,id=cdrom,media=cdrom,readonly=on,file=" + esc(launch.cdromIso()),
                    "-device", "piix4-ide,id=piix",
                    "-device", "ide-cd,bus=piix.0,drive=cdrom,id=" + CDROM_ID + (plan.boot() instanceof IsoCache.BiosBoot ? ",bootindex=0" : "")));
        }
        if (plan.boot() instanceof IsoCache.DirectBoot d) {
            a.addAll(List.of("-kernel", d.kernel().toString()));
            if (!d.initrds().isEmpty()) {
                a.addAll(List.of("-initrd", d.initrds().getFirst().toString()));
            }
            a.addAll(List.of("-append", d.append()));
        }
    }

    private static void disks(VmLaunch launch, List<String> a) throws IOException {
        Set<String> controllers = new LinkedHashSet<>();
        int n = 0;
        for (DiskAttachment d : launch.disks()) {
            n++;
            a.addAll(List.of("-drive", driveSpec(d)));
            String kind = d.controller().toLowerCase(Locale.ROOT);
            ScsiController scsi = ScsiController.of(kind);
            String device;
            if (scsi != null) {
                device = scsiDisk(scsi, d);
                if (controllers.add(scsi.id(d.bus()))) a.addAll(List.of("-device", scsi.model() + ",id=" + scsi.id(d.bus())));
            } else {
                device = switch (kind) {
                    case "ide" -> {
                        if (d.bus() < 0 || d.bus() > 1 || d.unit() < 0 || d.unit() > 1) {
                            throw invalid("IDE disk at " + d.bus() + ":" + d.unit() + " (IDE has buses 0-1, units 0-1)");
                        }
                        yield "ide-hd,bus=ide." + (d.bus() * 2 + d.unit());
                    }
                    case "sata", "ahci" -> {
                        if (d.unit() < 0 || d.unit() > 5) throw invalid("SATA disk at unit " + d.unit() + " (units 0-5)");
                        String id = "sata" + d.bus();
                        if (controllers.add(id)) a.addAll(List.of("-device", "ich9-ahci,id=" + id));
                        yield "ide-hd,bus=" + id + "." + d.unit();
                    }
                    case "nvme" -> "nvme,serial=vch" + d.bus() + "u" + d.unit();
                    default -> throw new VmRuntimeException(Kind.NOT_IMPLEMENTED,
                            "disk controller '" + d.controller() + "' is not implemented (pvscsi, lsilogic, lsilogic-sas, buslogic, ide, sata, nvme are)");
                } + ",drive=" + driveId(d) + ",id=" + diskId(d);
            }
            a.addAll(List.of("-device", device + (launch.cdromIso() == null && n == 1 ? ",bootindex=0" : "")));
        }
    }

    /** A SCSI controller model: its qemu id prefix, qemu device and how many targets it has. */
    record ScsiController(String prefix, String model, int maxTargets) {
        /** The model of a disk controller kind, or null when it is not SCSI. */
        static ScsiController of(String kind) {
            return switch (kind.toLowerCase(Locale.ROOT)) {
                case "pvscsi", "paravirtual" -> new ScsiController("pvscsi", "pvscsi", 64);
                case "lsilogic", "buslogic" -> new ScsiController("lsi", "lsi53c895a", 7); // qemu has no BusLogic
                case "lsilogic-sas", "lsilogicsas" -> new ScsiController("sas", "mptsas1068", 8);
                default -> null;
            };
        }

        String id(int bus) {
            return prefix + bus;
        }
    }

    /** The {@code -drive} (and HMP {@code drive_add}) option string of a disk. */
    static String driveSpec(DiskAttachment d) throws IOException {
        return "if=none,id=" + driveId(d) + ",format=" + format(d.vmdk()) + ",file=" + esc(d.vmdk());
    }

    /** The {@code -device} (and QMP {@code device_add}) option string of a disk on a SCSI controller. */
    static String scsiDisk(ScsiController c, DiskAttachment d) {
        if (d.bus() < 0 || d.bus() > 3) throw invalid("SCSI controller bus " + d.bus() + " (0-3)");
        if (d.unit() < 0 || d.unit() >= c.maxTargets()) {
            throw invalid(c.model() + " disk at unit " + d.unit() + " (units 0-" + (c.maxTargets() - 1) + ")");
        }
        return "scsi-hd,bus=" + c.id(d.bus()) + ".0,scsi-id=" + d.unit() + ",lun=0,drive=" + driveId(d) + ",id=" + diskId(d);
    }

    /** qemu's id of a disk's drive: where it sits, so that a hot-unplug finds it again. */
    static String driveId(DiskAttachment d) {
        return "drive-" + slot(d);
    }

    /** qemu's id of a disk device. */
    static String diskId(DiskAttachment d) {
        return "disk-" + slot(d);
    }

    private static String slot(DiskAttachment d) {
        return d.controller().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "") + d.bus() + "-" + d.unit();
    }

    private static void nics(VmLaunch launch, Plan plan, List<String> a) {
        for (int i = 0; i < launch.nics().size(); i++) {
            NicAttachment nic = launch.nics().get(i);
            NicPorts p = plan.nicPorts().get(i);
            String model = switch (nic.adapterType().toLowerCase(Locale.ROOT)) {
                case "vmxnet3" -> "vmxnet3";
                case "e1000" -> "e1000";
                case "e1000e" -> "e1000e";
                case "pcnet32", "flexible", "pcnet" -> "pcnet";
                default -> throw new VmRuntimeException(Kind.NOT_IMPLEMENTED,
                        "NIC adapter '" + nic.adapterType() + "' is not implemented (vmxnet3, e1000, e1000e, pcnet32 are)");
            };
            a.addAll(List.of("-netdev", "dgram,id=nic" + i
                            + ",local.type=inet,local.host=127.0.0.1,local.port=" + p.localPort()
                            + ",remote.type=inet,remote.host=127.0.0.1,remote.port=" + p.switchPort(),
                    // romfile= : no iPXE option ROM, saves ~0.1 s of BIOS time per NIC
                    "-device", model + ",netdev=nic" + i + ",mac=" + mac(launch.vmId(), i, nic.macAddress()) + ",romfile="));
        }
    }

    private static void serials(VmLaunch launch, List<String> a) {
        for (SerialAttachment s : launch.serials()) {
            String id = serialChardevId(s.index());
            if (s.file() != null) {
                a.addAll(List.of("-chardev", "file,id=" + id + ",path=" + esc(s.file()) + ",append=on",
                        "-device", "isa-serial,chardev=" + id + ",id=" + serialDeviceId(s.index())));
                continue;
            }
            Endpoint e = Endpoint.parse(s.uri());
            boolean server = "server".equalsIgnoreCase(s.direction());
            String opts = server ? ",server=on,wait=off" : ",server=off,reconnect=1";
            a.addAll(List.of("-chardev", "socket,id=" + id + ",host=" + e.host() + ",port=" + e.port() + ",nodelay=on" + opts,
                    "-device", "virtserialport,bus=vser.0,chardev=" + id + ",name=" + serialPortName(s.index()) + ",id=" + serialDeviceId(s.index())));
        }
    }

    /** The chardev id of serial port {@code index}. */
    static String serialChardevId(int index) {
        return "serial" + index;
    }

    /** The device id of serial port {@code index}. */
    static String serialDeviceId(int index) {
        return "serialdev" + index;
    }

    /** The virtio port name the guest sees for serial port {@code index}. */
    static String serialPortName(int index) {
        return "vsphere.serial" + index;
    }

    /** {@code tcp://host:port} of a serial port's URI backing. */
    record Endpoint(String host, int port) {
        static Endpoint parse(String uri) {
            java.net.URI u;
            try {
                u = java.net.URI.create(uri);
            } catch (IllegalArgumentException e) {
                throw invalid("serial port URI '" + uri + "': " + e.getMessage());
            }
            if (!"tcp".equalsIgnoreCase(u.getScheme())) {
                throw new VmRuntimeException(Kind.NOT_IMPLEMENTED,
                        "serial port URI '" + uri + "': only tcp://host:port is implemented");
            }
            String host = u.getHost();
            int port = u.getPort();
            if (port < 0 && u.getRawAuthority() != null) {
                // "tcp://:7000" (a server URI without host) is a registry-based authority to java.net.URI
                String auth = u.getRawAuthority();
                int colon = auth.lastIndexOf(':');
                host = auth.substring(0, Math.max(colon, 0));
                try {
                    port = colon < 0 ? -1 : Integer.parseInt(auth.substring(colon + 1));
                } catch (NumberFormatException e) {
                    port = -1;
                }
            }
            if (port <= 0 || port > 65535) {
                throw invalid("serial port URI '" + uri + "' needs a port");
            }
            host = host == null || host.isEmpty() ? "127.0.0.1" : host;
            if (host.startsWith("[")) host = host.substring(1, host.length() - 1);
            if (!host.matches("[A-Za-z0-9.:_-]+")) throw invalid("serial port URI '" + uri + "': bad host");
            return new Endpoint(host, port);
        }
    }

    /** The given MAC, or a stable one in VMware's OUI derived from the VM id and NIC index. */
    static String mac(String vmId, int index, String given) {
        if (given != null && !given.isBlank()) {
            if (!given.matches("(?i)[0-9a-f]{2}(:[0-9a-f]{2}){5}")) throw invalid("MAC address '" + given + "'");
            return given.toLowerCase(Locale.ROOT);
        }
        int h = (vmId + "#" + index).hashCode();
        return String.format("00:50:56:%02x:%02x:%02x", (h >>> 16) & 0x3f, (h >>> 8) & 0xff, h & 0xff);
    }

    /** qemu's format name of a disk file from its magic: sparse or descriptor VMDK, qcow2, else raw. */
    static String format(Path disk) throws IOException {
        byte[] head = new byte[21];
        int n;
        try (InputStream in = Files.newInputStream(disk)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (IOException e) {
            throw new IOException("Tried to attach disk " + disk + " but cannot read it: " + e.getMessage(), e);
        }
        String s = new String(head, 0, n, StandardCharsets.ISO_8859_1);
        if (s.startsWith("KDMV") || s.startsWith("# Disk DescriptorFile") || s.startsWith("COWD")) return "vmdk";
        if (s.startsWith("QFI\u00fb")) return "qcow2";
        return "raw";
    }

    /** qemu option values double their commas. */
    static String esc(Path p) {
        return p.toString().replace(",", ",,");
    }

    private static VmRuntimeException invalid(String what) {
        return new VmRuntimeException(Kind.INVALID, "invalid VM config: " + what);
    }
}
