package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.UpdateSet;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.WaitOptions;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.PropertyCollector;
import com.vmware.vim25.mo.PropertyFilter;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * End to end through SOAP: upload a real guest ISO over /folder, CreateVM with CD-ROM, URI serial
 * port and guestinfo, PowerOn (qemu), the guest writes guestinfo.test.out and powers off; the
 * client sees the write and poweredOff through WaitForUpdatesEx.
 */
class QemuVmIT {
    @TempDir
    Path state;

    @Test
    void guestWritesGuestinfoThatTheClientReads() throws Exception {
        Path iso = GuestVms.guestIso();
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true));
             ServerSocket serial = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            String cookie = si.getServerConnection().getVimService().getWsc().getCookie();
            GuestVms.upload(sim, cookie, iso, "isos/guest.iso");
            CompletableFuture<String> serialLine = GuestVms.firstLine(serial);

            Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
            ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
            VirtualMachineConfigSpec spec = GuestVms.smallVm("qemu-vm");
            spec.setExtraConfig(new OptionValue[] {opt("guestinfo.test.mode", "rpc"), opt("guestinfo.test.in", "hello")});
            VirtualSerialPort sp = GuestVms.uriSerial(-2, serial.getLocalPort());
            spec.setDeviceChange(new VirtualDeviceConfigSpec[] {GuestVms.add(GuestVms.cdrom(-1, "isos/guest.iso"), null), GuestVms.add(sp, null)});
            Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
            assertThat(t.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());

            PropertyCollector pc = si.getPropertyCollector();
            PropertyFilterSpec fs = new PropertyFilterSpec();
            PropertySpec ps = new PropertySpec();
            ps.setType("VirtualMachine");
            ps.setPathSet(new String[] {"config.extraConfig", "runtime.powerState"});
            ObjectSpec os = new ObjectSpec();
            os.setObj(vm.getMOR());
            fs.setPropSet(new PropertySpec[] {ps});
            fs.setObjectSet(new ObjectSpec[] {os});
            PropertyFilter filter = pc.createFilter(fs, false);
            assertThat(vm.powerOnVM_Task(null).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);

            String version = "";
            WaitOptions opts = new WaitOptions();
            opts.setMaxWaitSeconds(120);
            long deadline = System.currentTimeMillis() + 180_000;
            String out = null;
            String power = null;
            while (System.currentTimeMillis() < deadline && !("poweredOff".equals(power) && out != null)) {
                UpdateSet u = pc.waitForUpdatesEx(version, opts);
                if (u == null) continue;
                version = u.getVersion();
                for (var f : u.getFilterSet()) {
                    for (var o : f.getObjectSet()) {
                        for (var ch : o.getChangeSet()) {
                            if (ch.getName().equals("runtime.powerState")) power = ch.getVal().toString();
                            if (ch.getName().equals("config.extraConfig") && ch.getVal() != null) {
                                for (OptionValue v : ((com.vmware.vim25.ArrayOfOptionValue) ch.getVal()).getOptionValue()) {
                                    if (v.getKey().equals("guestinfo.test.out")) out = String.valueOf(v.getValue());
                                }
                            }
                        }
                    }
                }
            }
            filter.destroyPropertyFilter();
            assertThat(out).startsWith("fw=hello;rpc=ok hello;absent=none");
            assertThat(power).isEqualTo("poweredOff");
            assertThat(serialLine.get()).isEqualTo("hello over vsphere.serial0");
            assertThat(vm.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            si.getServerConnection().logout();
        }
    }

    private static OptionValue opt(String k, String v) {
        OptionValue o = new OptionValue();
        o.setKey(k);
        o.setValue(v);
        return o;
    }
}
