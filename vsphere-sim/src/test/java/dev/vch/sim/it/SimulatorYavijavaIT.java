package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.DuplicateName;
import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.InvalidPowerState;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ResourceConfigSpec;
import com.vmware.vim25.ResourceAllocationInfo;
import com.vmware.vim25.SharesInfo;
import com.vmware.vim25.SharesLevel;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.mo.ClusterComputeResource;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.Datastore;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.HostFirewallSystem;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.InventoryNavigator;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint through yavijava 6.0 (what the product uses): login, inventory, CreateVM, datastore HTTP, faults. */
class SimulatorYavijavaIT {
    @TempDir
    static Path state;
    static VsphereSimulator sim;
    static ServiceInstance si;

    @BeforeAll
    static void start() throws Exception {
        sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true).withRunVms(false));
        si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
    }

    @AfterAll
    static void stop() {
        if (si != null) si.getServerConnection().logout();
        if (sim != null) sim.close();
    }

    @Test
    void wrongPasswordIsInvalidLogin() {
        assertThatThrownBy(() -> new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "nope", true))
                .isInstanceOf(InvalidLogin.class);
    }

    @Test
    void inventoryLookups() throws Exception {
        assertThat(si.getAboutInfo().getApiType()).isEqualTo("VirtualCenter");
        Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        assertThat(dc.getName()).isEqualTo("DC0");
        assertThat(dc.getDatastores()).extracting(Datastore::getName).containsExactly("LocalDS_0");
        ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
        assertThat(pool).isNotNull();
        ClusterComputeResource cl = (ClusterComputeResource) new InventoryNavigator(si.getRootFolder()).searchManagedEntity("ClusterComputeResource", "DC0_C0");
        assertThat(cl.getHosts()).hasSize(2);
        HostSystem h = cl.getHosts()[0];
        assertThat(h.getDatastores()).hasSize(1);
        assertThat(h.getNetworks()).extracting(n -> n.getName()).contains("VM Network");
        HostFirewallSystem fw = h.getHostFirewallSystem();
        fw.enableRuleset("vic-engine");
        assertThat(fw.getFirewallInfo().getRuleset()).anyMatch(r -> r.getKey().equals("vic-engine") && r.isEnabled());
        fw.disableRuleset("vic-engine");
        assertThat(fw.getFirewallInfo().getRuleset()).anyMatch(r -> r.getKey().equals("vic-engine") && !r.isEnabled());
    }

    @Test
    void createPoolVmUploadPowerAndDestroy() throws Exception {
        Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        ResourcePool root = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
        ResourcePool pool = root.createResourcePool("vch1", poolSpec());
        assertThatThrownBy(() -> root.createResourcePool("vch1", poolSpec())).isInstanceOf(DuplicateName.class);

        HttpClient http = HttpClient.newHttpClient();
        String cookie = si.getServerConnection().getVimService().getWsc().getCookie();
        URI put = URI.create("http://127.0.0.1:" + sim.port() + "/folder/isos/test.iso?dcPath=DC0&dsName=LocalDS_0");
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(put).header("Cookie", cookie)
                .PUT(HttpRequest.BodyPublishers.ofString("not really an iso")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(http.send(HttpRequest.newBuilder(put).header("Cookie", cookie).build(), HttpResponse.BodyHandlers.ofString()).body())
                .isEqualTo("not really an iso");

        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName("vm1");
        spec.setNumCPUs(1);
        spec.setMemoryMB(256L);
        VirtualMachineFileInfo files = new VirtualMachineFileInfo();
        files.setVmPathName("[LocalDS_0]");
        spec.setFiles(files);
        OptionValue ov = new OptionValue();
        ov.setKey("guestinfo.vice./common/id");
        ov.setValue("abc");
        spec.setExtraConfig(new OptionValue[] {ov});
        Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
        // the client's own wait works too (it always sleeps once, so the other checks read info directly)
        assertThat(t.waitForTask()).isEqualTo(Task.SUCCESS);
        VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
        assertThat(vm.getName()).isEqualTo("vm1");
        assertThat(vm.getConfig().getExtraConfig()).anyMatch(o -> o.getKey().equals("guestinfo.vice./common/id") && o.getValue().equals("abc"));
        assertThat(Files.exists(state.resolve("datastores/LocalDS_0/vm1/vm1.vmx"))).isTrue();

        Task dup = dc.getVmFolder().createVM_Task(spec, pool, null);
        dup.getTaskInfo().getState().toString();
        assertThat(dup.getTaskInfo().getError().getFault()).isInstanceOf(DuplicateName.class);

        assertThat(vm.powerOnVM_Task(null).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOn");
        Task again = vm.powerOnVM_Task(null);
        again.getTaskInfo().getState().toString();
        assertThat(again.getTaskInfo().getError().getFault()).isInstanceOf(InvalidPowerState.class);
        assertThat(vm.powerOffVM_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(vm.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(Files.exists(state.resolve("datastores/LocalDS_0/vm1"))).isFalse();
        Folder vmFolder = dc.getVmFolder();
        assertThat(vmFolder.getChildEntity()).isEmpty();
    }

    private static ResourceConfigSpec poolSpec() {
        ResourceConfigSpec s = new ResourceConfigSpec();
        s.setCpuAllocation(alloc());
        s.setMemoryAllocation(alloc());
        return s;
    }

    private static ResourceAllocationInfo alloc() {
        ResourceAllocationInfo a = new ResourceAllocationInfo();
        a.setReservation(0L);
        a.setExpandableReservation(true);
        a.setLimit(-1L);
        SharesInfo sh = new SharesInfo();
        sh.setLevel(SharesLevel.normal);
        sh.setShares(4000);
        a.setShares(sh);
        return a;
    }
}
