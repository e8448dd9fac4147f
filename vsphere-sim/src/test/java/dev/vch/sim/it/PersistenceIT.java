package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Inventory, VM configs and power states survive a restart; several sessions work at once (esx model). */
class PersistenceIT {
    @TempDir
    Path state;

    @Test
    void stateSurvivesRestartAndSessionsRunConcurrently() throws Exception {
        SimulatorConfig cfg = SimulatorConfig.defaults(state).withModel("esx").withHttp(true).withRunVms(false);
        String vmId;
        try (VsphereSimulator sim = VsphereSimulator.start(cfg)) {
            ExecutorService ex = Executors.newFixedThreadPool(4);
            List<Future<String>> results = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                int n = i;
                results.add(ex.submit((Callable<String>) () -> createVm(sim, "vm" + n)));
            }
            vmId = null;
            for (Future<String> f : results) vmId = f.get();
            ex.shutdown();
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            VirtualMachine vm = vm(si, "vm0");
            vm.getResourcePool().createResourcePool("kept", null);
            assertThat(vm.powerOnVM_Task(null).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
            si.getServerConnection().logout();
        }
        try (VsphereSimulator sim = VsphereSimulator.start(cfg)) {
            ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
            assertThat(si.getAboutInfo().getApiType()).isEqualTo("HostAgent");
            VirtualMachine vm = vm(si, "vm0");
            assertThat(vm.getConfig().getExtraConfig()).anyMatch(o -> o.getKey().equals("guestinfo.name") && o.getValue().equals("vm0"));
            assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOn");
            assertThat(si.getSearchIndex().findByInventoryPath("ha-datacenter/host/localhost.localdomain/Resources/kept")).isNotNull();
            for (int i = 0; i < 4; i++) assertThat(vm(si, "vm" + i)).isNotNull();
            assertThat(vmId).startsWith("vm-");
            si.getServerConnection().logout();
        }
    }

    private static VirtualMachine vm(ServiceInstance si, String name) throws Exception {
        return (VirtualMachine) si.getSearchIndex().findByInventoryPath("ha-datacenter/vm/" + name);
    }

    private static String createVm(VsphereSimulator sim, String name) throws Exception {
        ServiceInstance si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
        try {
            Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("ha-datacenter");
            ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("ha-datacenter/host/localhost.localdomain/Resources");
            VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
            spec.setName(name);
            VirtualMachineFileInfo files = new VirtualMachineFileInfo();
            files.setVmPathName("[datastore1]");
            spec.setFiles(files);
            OptionValue ov = new OptionValue();
            ov.setKey("guestinfo.name");
            ov.setValue(name);
            spec.setExtraConfig(new OptionValue[] {ov});
            Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
            if (!Task.SUCCESS.equals(t.getTaskInfo().getState().toString())) throw new IllegalStateException(t.getTaskInfo().getError().getLocalizedMessage());
            return ((ManagedObjectReference) t.getTaskInfo().getResult()).getVal();
        } finally {
            si.getServerConnection().logout();
        }
    }
}
