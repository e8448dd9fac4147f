package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.NotSupported;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualCdromIsoBackingInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualE1000;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ReconfigVM_Task of a powered-on qemu VM through SOAP, checked from inside the guest (its
 * {@code devices} mode reports disks, CD-ROM label and serial ports in guestinfo): a disk and a
 * URI serial port hot-added, then the disk hot-removed (its file destroyed) and another ISO put
 * in the CD-ROM; a NIC and an IDE disk are refused with NotSupported and change nothing.
 */
class HotplugIT {
    private static final String DS = GuestVms.DS;

    @TempDir
    Path state;

    @Test
    void disksSerialPortsAndTheCdromChangeWhileTheVmRuns() throws Exception {
        Path iso = GuestVms.guestIso();
        Path other = otherIso();
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true));
             ServerSocket serial = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            String cookie = si.getServerConnection().getVimService().getWsc().getCookie();
            GuestVms.upload(sim, cookie, iso, "isos/guest.iso");
            GuestVms.upload(sim, cookie, other, "isos/other.iso");
            CompletableFuture<String> greeting = GuestVms.firstLine(serial);

            Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
            ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
            VirtualMachineConfigSpec spec = GuestVms.smallVm("hotplug-vm");
            OptionValue mode = new OptionValue();
            mode.setKey("guestinfo.test.mode");
            mode.setValue("devices");
            spec.setExtraConfig(new OptionValue[] {mode});
            ParaVirtualSCSIController scsi = new ParaVirtualSCSIController();
            scsi.setKey(-10);
            scsi.setBusNumber(0);
            scsi.setSharedBus(VirtualSCSISharing.noSharing);
            spec.setDeviceChange(new VirtualDeviceConfigSpec[] {GuestVms.add(GuestVms.cdrom(-1, "isos/guest.iso"), null), GuestVms.add(scsi, null),
                    GuestVms.add(disk(-2, -10, 0, 8192), VirtualDeviceConfigSpecFileOperation.create)});
            Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
            assertThat(t.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
            assertThat(vm.powerOnVM_Task(null).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            String seen = awaitDevices(vm, d -> d.contains("disks=sda:16384,;") && d.contains("cd=VCHTEST;"));
            assertThat(seen).doesNotContain("vsphere.serial");

            // hot-add: a second disk on the same controller and a serial port to our socket
            VirtualSerialPort sp = GuestVms.uriSerial(-3, serial.getLocalPort());
            int scsiKey = deviceOf(vm, ParaVirtualSCSIController.class).getKey();
            reconfigure(vm, GuestVms.add(disk(-4, scsiKey, 1, 16384), VirtualDeviceConfigSpecFileOperation.create), GuestVms.add(sp, null));
            seen = awaitDevices(vm, d -> d.contains("sdb:32768") && d.contains("vsphere.serial0"));
            assertThat(seen).contains("sda:16384");
            assertThat(greeting.get(60, TimeUnit.SECONDS)).isEqualTo("hello from vsphere.serial0");

            // hot-remove the new disk (destroying its file) and put another ISO in the CD-ROM
            VirtualDisk second = Arrays.stream(vm.getConfig().getHardware().getDevice())
                    .filter(d -> d instanceof VirtualDisk && d.getUnitNumber() == 1).map(VirtualDisk.class::cast).findFirst().orElseThrow();
            String secondName = ((VirtualDiskFlatVer2BackingInfo) second.getBacking()).getFileName();
            VirtualDeviceConfigSpec remove = new VirtualDeviceConfigSpec();
            remove.setOperation(VirtualDeviceConfigSpecOperation.remove);
            remove.setFileOperation(VirtualDeviceConfigSpecFileOperation.destroy);
            remove.setDevice(second);
            VirtualCdrom cd = deviceOf(vm, VirtualCdrom.class);
            VirtualCdromIsoBackingInfo cdb = new VirtualCdromIsoBackingInfo();
            cdb.setFileName("[" + DS + "] isos/other.iso");
            cd.setBacking(cdb);
            VirtualDeviceConfigSpec edit = new VirtualDeviceConfigSpec();
            edit.setOperation(VirtualDeviceConfigSpecOperation.edit);
            edit.setDevice(cd);
            reconfigure(vm, remove, edit);
            seen = awaitDevices(vm, d -> !d.contains("sdb") && d.contains("cd=OTHERCD;"));
            assertThat(seen).contains("sda:16384");
            assertThat(datastoreHas(sim, cookie, secondName)).as("destroyed disk %s", secondName).isFalse();

            // refused live: a NIC, and a disk on IDE; the VM's devices stay as they were
            int before = vm.getConfig().getHardware().getDevice().length;
            VirtualE1000 nic = new VirtualE1000();
            nic.setKey(-5);
            VirtualEthernetCardNetworkBackingInfo nb = new VirtualEthernetCardNetworkBackingInfo();
            nb.setDeviceName("VM Network");
            nic.setBacking(nb);
            nic.setAddressType("generated");
            assertRefused(vm, GuestVms.add(nic, null), "network adapters");
            assertRefused(vm, GuestVms.add(disk(-6, 200, 1, 4096), VirtualDeviceConfigSpecFileOperation.create), "ide");
            assertThat(vm.getConfig().getHardware().getDevice()).hasSize(before);
            assertThat(awaitDevices(vm, d -> true)).contains("sda:16384").doesNotContain("sdb").doesNotContain("sdc");

            assertThat(vm.powerOffVM_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            assertThat(vm.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            si.getServerConnection().logout();
        }
    }

    private static void assertRefused(VirtualMachine vm, VirtualDeviceConfigSpec change, String words) throws Exception {
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setDeviceChange(new VirtualDeviceConfigSpec[] {change});
        Task t = vm.reconfigVM_Task(spec);
        t.waitForTask();
        assertThat(t.getTaskInfo().getState().toString()).isEqualTo("error");
        assertThat(t.getTaskInfo().getError().getFault()).isInstanceOf(NotSupported.class);
        assertThat(t.getTaskInfo().getError().getLocalizedMessage().toLowerCase()).contains(words);
    }

    private static void reconfigure(VirtualMachine vm, VirtualDeviceConfigSpec... changes) throws Exception {
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setDeviceChange(changes);
        Task t = vm.reconfigVM_Task(spec);
        t.waitForTask();
        assertThat(t.getTaskInfo().getState().toString())
                .as("reconfigure: %s", t.getTaskInfo().getError() == null ? "" : t.getTaskInfo().getError().getLocalizedMessage())
                .isEqualTo(Task.SUCCESS);
    }

    /** Waits (up to 3 minutes: a TCG boot under load) until the guest reports devices that match. */
    private static String awaitDevices(VirtualMachine vm, Predicate<String> wanted) throws Exception {
        long deadline = System.currentTimeMillis() + 180_000;
        String last = null;
        while (System.currentTimeMillis() < deadline) {
            OptionValue[] ec = vm.getConfig().getExtraConfig();
            for (OptionValue o : ec == null ? new OptionValue[0] : ec) {
                if (o.getKey().equals("guestinfo.test.devices")) last = String.valueOf(o.getValue());
            }
            if (last != null && wanted.test(last)) return last;
            Thread.sleep(250);
        }
        throw new AssertionError("the guest never reported the wanted devices; last report: " + last);
    }

    private static <T extends VirtualDevice> T deviceOf(VirtualMachine vm, Class<T> type) {
        return Arrays.stream(vm.getConfig().getHardware().getDevice()).filter(type::isInstance).map(type::cast).findFirst().orElseThrow();
    }

    private static boolean datastoreHas(VsphereSimulator sim, String cookie, String dsPath) throws Exception {
        String path = dsPath.substring(dsPath.indexOf(']') + 1).strip();
        HttpResponse<Void> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port()
                + "/folder/" + path + "?dcPath=DC0&dsName=" + DS)).header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.discarding());
        return r.statusCode() == 200;
    }

    /** A small data ISO labelled OTHERCD. */
    private Path otherIso() throws Exception {
        Path dir = Files.createDirectories(state.resolve("other-iso/content"));
        Files.writeString(dir.resolve("README"), "another medium\n");
        Path iso = state.resolve("other-iso/other.iso");
        Process p = new ProcessBuilder(List.of("xorriso", "-as", "mkisofs", "-quiet", "-V", "OTHERCD", "-o", iso.toString(), dir.toString()))
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor()).as(out).isZero();
        return iso;
    }

    private static VirtualDisk disk(int key, int controllerKey, int unit, long kb) {
        VirtualDisk d = new VirtualDisk();
        d.setKey(key);
        d.setControllerKey(controllerKey);
        d.setUnitNumber(unit);
        d.setCapacityInKB(kb);
        VirtualDiskFlatVer2BackingInfo b = new VirtualDiskFlatVer2BackingInfo();
        b.setFileName("[" + DS + "]");
        b.setDiskMode("persistent");
        b.setThinProvisioned(true);
        d.setBacking(b);
        return d;
    }
}
