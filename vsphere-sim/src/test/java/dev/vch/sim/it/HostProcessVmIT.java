package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.UpdateSet;
import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualCdromIsoBackingInfo;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.WaitOptions;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.PropertyCollector;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.lang.reflect.Method;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A VM booting a host-process ISO: its guestinfo write and loopback IP reach the client, and after
 * a restart of the simulator the still-running process is reattached and can be powered off, while
 * a VM whose process died meanwhile is reported poweredOff.
 */
class HostProcessVmIT {
    private static final String RUN_SH = """
            #!/bin/sh
            gi() { printf '%s\\n' "$1" | busybox nc -w 1 "${VSPHERE_GUESTINFO%:*}" "${VSPHERE_GUESTINFO##*:}"; }
            trap 'exit 0' TERM
            gi "set guestinfo.app.started ip=$VSPHERE_VM_IP" >/dev/null
            while true; do sleep 1; done
            """;

    @TempDir
    Path state;

    @Test
    void hostProcessVmReportsItsIpAndSurvivesASimulatorRestart() throws Exception {
        Method m = Class.forName("dev.vch.sim.runtime.TestGuestImages").getDeclaredMethod("hostProcessIso", String.class);
        m.setAccessible(true);
        Path iso = (Path) m.invoke(null, RUN_SH);
        Files.createDirectories(state.resolve("datastores/LocalDS_0/isos"));
        Files.copy(iso, state.resolve("datastores/LocalDS_0/isos/appliance.iso"));
        SimulatorConfig cfg = SimulatorConfig.defaults(state).withHttp(true);
        String vmId;
        String goneId;
        try (VsphereSimulator sim = VsphereSimulator.start(cfg)) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            VirtualMachine vm = poweredOnAppliance(si, "appliance");
            vmId = vm.getMOR().getVal();
            String started = awaitGuestinfo(si, vm, "guestinfo.app.started");
            String ip = vm.getGuest().getIpAddress();
            assertThat(ip).startsWith("127.0.0.");
            assertThat(started).isEqualTo("ip=" + ip);
            assertThat(vm.getGuest().getNet()[0].getIpAddress()).containsExactly(ip);
            VirtualMachine gone = poweredOnAppliance(si, "gone");
            goneId = gone.getMOR().getVal();
            awaitGuestinfo(si, gone, "guestinfo.app.started");
            si.getServerConnection().logout();
        }
        // while the simulator is down, one VM's process dies
        String saved = Files.readString(state.resolve("inventory/" + goneId + ".xml"));
        java.util.regex.Matcher pid = java.util.regex.Pattern.compile("<_pid xsi:type=\"xsd:long\">(\\d+)</_pid>").matcher(saved);
        assertThat(pid.find()).as(saved).isTrue();
        ProcessHandle process = ProcessHandle.of(Long.parseLong(pid.group(1))).orElseThrow();
        process.destroyForcibly();
        process.onExit().get();
        try (VsphereSimulator sim = VsphereSimulator.start(cfg)) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            VirtualMachine gone = new VirtualMachine(si.getServerConnection(), ref(goneId));
            assertThat(gone.getRuntime().getPowerState().toString()).isEqualTo("poweredOff");
            VirtualMachine vm = new VirtualMachine(si.getServerConnection(), ref(vmId));
            assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOn");
            assertThat(vm.getGuest().getIpAddress()).startsWith("127.0.0.");
            assertThat(vm.powerOffVM_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOff");
            assertThat(vm.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            assertThat(gone.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            si.getServerConnection().logout();
        }
    }

    private static ManagedObjectReference ref(String id) {
        ManagedObjectReference ref = new ManagedObjectReference();
        ref.setType("VirtualMachine");
        ref.setVal(id);
        return ref;
    }

    private static VirtualMachine poweredOnAppliance(ServiceInstance si, String name) throws Exception {
        Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName(name);
        spec.setMemoryMB(64L);
        VirtualMachineFileInfo files = new VirtualMachineFileInfo();
        files.setVmPathName("[LocalDS_0]");
        spec.setFiles(files);
        VirtualCdrom cd = new VirtualCdrom();
        cd.setKey(-1);
        cd.setControllerKey(200);
        VirtualCdromIsoBackingInfo b = new VirtualCdromIsoBackingInfo();
        b.setFileName("[LocalDS_0] isos/appliance.iso");
        cd.setBacking(b);
        VirtualDeviceConfigSpec add = new VirtualDeviceConfigSpec();
        add.setOperation(VirtualDeviceConfigSpecOperation.add);
        add.setDevice(cd);
        spec.setDeviceChange(new VirtualDeviceConfigSpec[] {add});
        Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
        assertThat(t.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
        assertThat(vm.powerOnVM_Task(null).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        return vm;
    }

    /** Waits through WaitForUpdatesEx until the VM's extraConfig holds {@code key}. */
    private static String awaitGuestinfo(ServiceInstance si, VirtualMachine vm, String key) throws Exception {
        PropertyCollector pc = si.getPropertyCollector();
        PropertySpec ps = new PropertySpec();
        ps.setType("VirtualMachine");
        ps.setPathSet(new String[] {"config.extraConfig"});
        ObjectSpec os = new ObjectSpec();
        os.setObj(vm.getMOR());
        PropertyFilterSpec fs = new PropertyFilterSpec();
        fs.setPropSet(new PropertySpec[] {ps});
        fs.setObjectSet(new ObjectSpec[] {os});
        var filter = pc.createFilter(fs, false);
        try {
            WaitOptions opts = new WaitOptions();
            opts.setMaxWaitSeconds(60);
            String version = "";
            for (int round = 0; round < 20; round++) {
                UpdateSet u = pc.waitForUpdatesEx(version, opts);
                if (u == null) continue;
                version = u.getVersion();
                for (var f : u.getFilterSet()) {
                    for (var o : f.getObjectSet()) {
                        for (var ch : o.getChangeSet()) {
                            if (ch.getVal() instanceof com.vmware.vim25.ArrayOfOptionValue a && a.getOptionValue() != null) {
                                for (OptionValue v : a.getOptionValue()) {
                                    if (v.getKey().equals(key)) return String.valueOf(v.getValue());
                                }
                            }
                        }
                    }
                }
            }
            throw new AssertionError("the guest never wrote " + key);
        } finally {
            filter.destroyPropertyFilter();
        }
    }
}
