package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.InvalidName;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.NotFound;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ResourceConfigSpec;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.LicenseAssignmentManager;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The remaining inventory methods: folders, moves, uuids, pools, switches, options, licenses, custom fields. */
class MoreMethodsIT {
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
        sim.close();
    }

    private static VirtualMachine createVm(Folder folder, ResourcePool pool, String name) throws Exception {
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName(name);
        VirtualMachineFileInfo f = new VirtualMachineFileInfo();
        f.setVmPathName("[LocalDS_0]");
        spec.setFiles(f);
        Task t = folder.createVM_Task(spec, pool, null);
        assertThat(t.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        return new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
    }

    @Test
    void foldersMovesAndUuids() throws Exception {
        Datacenter dc2 = si.getRootFolder().createDatacenter("DC1");
        assertThat(si.getSearchIndex().findByInventoryPath("DC1/vm")).isNotNull();
        Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
        Folder sub = dc.getVmFolder().createFolder("moved");
        VirtualMachine vm = createVm(dc.getVmFolder(), pool, "mover");
        assertThat(sub.moveIntoFolder_Task(new ManagedEntity[] {vm}).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(si.getSearchIndex().findByInventoryPath("DC0/vm/moved/mover")).isNotNull();
        String uuid = vm.getConfig().getUuid();
        assertThat(si.getSearchIndex().findByUuid(dc, uuid, true).getMOR()).isEqualTo(vm.getMOR());
        assertThat(si.getSearchIndex().findAllByUuid(dc, uuid, true, false)).hasSize(1);
        HostSystem h = (HostSystem) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_H0/DC0_H0");
        assertThat(si.getSearchIndex().findByUuid(dc, h.getHardware().getSystemInfo().getUuid(), false).getMOR()).isEqualTo(h.getMOR());
        assertThat(vm.rename_Task("mover2").getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        Task bad = vm.rename_Task("");
        bad.getTaskInfo().getState().toString();
        assertThat(bad.getTaskInfo().getError().getFault()).isInstanceOf(InvalidName.class);
        assertThat(sub.unregisterAndDestroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(si.getSearchIndex().findByInventoryPath("DC0/vm/moved")).isNull();
        assertThat(Files.exists(state.resolve("datastores/LocalDS_0/mover/mover.vmx"))).isTrue();
        assertThat(dc2.getName()).isEqualTo("DC1");
    }

    @Test
    void poolsUpdateAndDestroyChildren() throws Exception {
        ResourcePool root = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_H0/Resources");
        ResourcePool p = root.createResourcePool("p1", new ResourceConfigSpec());
        p.createResourcePool("child", new ResourceConfigSpec());
        p.updateConfig("p2", null);
        assertThat(si.getSearchIndex().findByInventoryPath("DC0/host/DC0_H0/Resources/p2/child")).isNotNull();
        p.destroyChildren();
        assertThat(p.getResourcePools()).isEmpty();
        assertThat(p.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        Task rootDestroy = root.destroy_Task();
        rootDestroy.getTaskInfo().getState().toString();
        assertThat(rootDestroy.getTaskInfo().getState().toString()).isEqualTo("error");
    }

    @Test
    void switchesOptionsLicensesAndFields() throws Exception {
        HostSystem h = (HostSystem) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/DC0_C0_H1");
        h.getHostNetworkSystem().addVirtualSwitch("vs2", null);
        h.getHostNetworkSystem().removeVirtualSwitch("vs2");
        assertThatThrownBy(() -> h.getHostNetworkSystem().removeVirtualSwitch("vs2")).isInstanceOf(NotFound.class);
        h.getHostNetworkSystem().refreshNetworkSystem();

        OptionValue ov = new OptionValue();
        ov.setKey("vic.test");
        ov.setValue("1");
        si.getOptionManager().updateOptions(new OptionValue[] {ov});
        assertThat(si.getOptionManager().queryOptions("vic.")[0].getValue()).isEqualTo("1");
        assertThatThrownBy(() -> si.getOptionManager().queryOptions("no.such")).isInstanceOf(InvalidName.class);

        LicenseAssignmentManager lam = si.getLicenseManager().getLicenseAssignmentManager();
        assertThat(lam.queryAssignedLicenses(h.getMOR().getVal())[0].getAssignedLicense().getEditionKey()).contains("enterprisePlus");

        var cfm = si.getCustomFieldsManager();
        var def = cfm.addCustomFieldDef("tmp", "HostSystem", null, null);
        cfm.renameCustomFieldDef(def.getKey(), "tmp2");
        assertThat(cfm.getField()).anyMatch(f -> f.getName().equals("tmp2"));
        cfm.removeCustomFieldDef(def.getKey());
        // vijava reads an empty array as null
        assertThat(cfm.getField() == null ? new com.vmware.vim25.CustomFieldDef[0] : cfm.getField()).noneMatch(f -> f.getName().equals("tmp2"));
        h.setCustomValue("note", "hello");
        assertThat(h.getCustomValue()).isNotEmpty();
    }

    @Test
    void sessionsCanBeTerminated() throws Exception {
        ServiceInstance other = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
        String key = other.getSessionManager().getCurrentSession().getKey();
        si.getSessionManager().terminateSession(new String[] {key});
        assertThat(si.getSessionManager().sessionIsActive(key, "user")).isFalse();
        assertThat(si.currentTime()).isNotNull();
    }
}
