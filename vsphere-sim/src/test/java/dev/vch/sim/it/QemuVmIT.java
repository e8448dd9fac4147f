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
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.VirtualSerialPortURIBackingInfo;
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
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
        Method m = Class.forName("dev.vch.sim.runtime.TestGuestImages").getDeclaredMethod("guestIso");
        m.setAccessible(true);
        Path iso = (Path) m.invoke(null);
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true));
             ServerSocket serial = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            String cookie = si.getServerConnection().getVimService().getWsc().getCookie();
            HttpResponse<String> up = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + sim.port() + "/folder/isos/guest.iso?dcPath=DC0&dsName=LocalDS_0"))
                    .header("Cookie", cookie).PUT(HttpRequest.BodyPublishers.ofFile(iso)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(up.statusCode()).isEqualTo(200);
            CompletableFuture<String> serialLine = CompletableFuture.supplyAsync(() -> {
                try (Socket s = serial.accept(); InputStream in = s.getInputStream()) {
                    StringBuilder sb = new StringBuilder();
                    int c;
                    while ((c = in.read()) >= 0 && c != '\n') sb.append((char) c);
                    return sb.toString();
                } catch (Exception e) {
                    return "serial failed: " + e;
                }
            });

            Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
            ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
            VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
            spec.setName("qemu-vm");
            spec.setNumCPUs(1);
            spec.setMemoryMB(256L);
            VirtualMachineFileInfo files = new VirtualMachineFileInfo();
            files.setVmPathName("[LocalDS_0]");
            spec.setFiles(files);
            spec.setExtraConfig(new OptionValue[] {opt("guestinfo.test.mode", "rpc"), opt("guestinfo.test.in", "hello")});
            VirtualCdrom cd = new VirtualCdrom();
            cd.setKey(-1);
            cd.setControllerKey(200);
            cd.setUnitNumber(0);
            VirtualCdromIsoBackingInfo cdb = new VirtualCdromIsoBackingInfo();
            cdb.setFileName("[LocalDS_0] isos/guest.iso");
            cd.setBacking(cdb);
            cd.setConnectable(connected());
            VirtualSerialPort sp = new VirtualSerialPort();
            sp.setKey(-2);
            VirtualSerialPortURIBackingInfo sb = new VirtualSerialPortURIBackingInfo();
            sb.setServiceURI("tcp://127.0.0.1:" + serial.getLocalPort());
            sb.setDirection("client");
            sp.setBacking(sb);
            sp.setConnectable(connected());
            sp.setYieldOnPoll(true);
            spec.setDeviceChange(new VirtualDeviceConfigSpec[] {add(cd), add(sp)});
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

    private static VirtualDeviceConnectInfo connected() {
        VirtualDeviceConnectInfo c = new VirtualDeviceConnectInfo();
        c.setStartConnected(true);
        c.setConnected(true);
        c.setAllowGuestControl(true);
        return c;
    }

    private static VirtualDeviceConfigSpec add(VirtualDevice d) {
        VirtualDeviceConfigSpec s = new VirtualDeviceConfigSpec();
        s.setOperation(VirtualDeviceConfigSpecOperation.add);
        s.setDevice(d);
        return s;
    }
}
