package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.CustomFieldDef;
import com.vmware.vim25.DuplicateName;
import com.vmware.vim25.Event;
import com.vmware.vim25.EventFilterSpec;
import com.vmware.vim25.EventFilterSpecByEntity;
import com.vmware.vim25.EventFilterSpecRecursionOption;
import com.vmware.vim25.FileAlreadyExists;
import com.vmware.vim25.FileNotFound;
import com.vmware.vim25.FileQueryFlags;
import com.vmware.vim25.FileBackedVirtualDiskSpec;
import com.vmware.vim25.HostDatastoreBrowserSearchResults;
import com.vmware.vim25.HostDatastoreBrowserSearchSpec;
import com.vmware.vim25.HostFirewallDefaultPolicy;
import com.vmware.vim25.HostPortGroupSpec;
import com.vmware.vim25.HostNetworkPolicy;
import com.vmware.vim25.HostVirtualSwitchSpec;
import com.vmware.vim25.InvalidPowerState;
import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.ResourceAllocationInfo;
import com.vmware.vim25.ResourceConfigSpec;
import com.vmware.vim25.RetrieveOptions;
import com.vmware.vim25.RetrieveResult;
import com.vmware.vim25.SharesInfo;
import com.vmware.vim25.SharesLevel;
import com.vmware.vim25.TraversalSpec;
import com.vmware.vim25.VAppConfigSpec;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.VirtualSerialPortFileBackingInfo;
import com.vmware.vim25.mo.CustomFieldsManager;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.Datastore;
import com.vmware.vim25.mo.FileManager;
import com.vmware.vim25.mo.Folder;
import com.vmware.vim25.mo.HostNetworkSystem;
import com.vmware.vim25.mo.HostSystem;
import com.vmware.vim25.mo.ManagedEntity;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualApp;
import com.vmware.vim25.mo.VirtualDiskManager;
import com.vmware.vim25.mo.VirtualMachine;
import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The managers and VM operations through yavijava, with real VMDKs (qemu-img). */
class ManagersIT {
    @TempDir
    static Path state;
    static VsphereSimulator sim;
    static ServiceInstance si;
    static Datacenter dc;
    static Path ds;

    @BeforeAll
    static void start() throws Exception {
        sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withRunVms(false));
        si = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
        dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        ds = state.resolve("datastores/LocalDS_0");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @Test
    void httpsThumbprintIsSha1ColonHex() {
        assertThat(sim.sdkUrl().getScheme()).isEqualTo("https");
        assertThat(sim.thumbprint()).matches("([0-9A-F]{2}:){19}[0-9A-F]{2}");
    }

    @Test
    void filesAndDisks() throws Exception {
        FileManager fm = si.getFileManager();
        fm.makeDirectory("[LocalDS_0] d1/sub", dc, true);
        assertThat(Files.isDirectory(ds.resolve("d1/sub"))).isTrue();
        assertThatThrownBy(() -> fm.makeDirectory("[LocalDS_0] d1/sub", dc, true)).isInstanceOf(FileAlreadyExists.class);
        VirtualDiskManager vdm = si.getVirtualDiskManager();
        FileBackedVirtualDiskSpec spec = new FileBackedVirtualDiskSpec();
        spec.setCapacityKb(1024);
        spec.setDiskType("thin");
        spec.setAdapterType("lsiLogic");
        assertThat(vdm.createVirtualDisk_Task("[LocalDS_0] d1/base.vmdk", dc, spec).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(qemuImgInfo(ds.resolve("d1/base.vmdk"))).contains("file format: vmdk");
        assertThat(vdm.extendVirtualDisk_Task("[LocalDS_0] d1/base.vmdk", dc, 4096L, false).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(qemuImgInfo(ds.resolve("d1/base.vmdk"))).contains("4 MiB");
        assertThat(vdm.copyVirtualDisk_Task("[LocalDS_0] d1/base.vmdk", dc, "[LocalDS_0] d1/copy.vmdk", dc, null, false).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(vdm.queryVirtualDiskUuid("[LocalDS_0] d1/copy.vmdk", dc)).isNotBlank();
        Task del = vdm.deleteVirtualDisk_Task("[LocalDS_0] d1/missing.vmdk", dc);
        del.getTaskInfo().getState().toString();
        assertThat(del.getTaskInfo().getError().getFault()).isInstanceOf(FileNotFound.class);
        assertThat(fm.moveDatastoreFile_Task("[LocalDS_0] d1/copy.vmdk", dc, "[LocalDS_0] d1/sub/moved.vmdk", dc, false).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(fm.copyDatastoreFile_Task("[LocalDS_0] d1/sub", dc, "[LocalDS_0] d2", dc, false).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(Files.exists(ds.resolve("d2/moved.vmdk"))).isTrue();

        Datastore store = dc.getDatastores()[0];
        HostDatastoreBrowserSearchSpec ss = new HostDatastoreBrowserSearchSpec();
        FileQueryFlags flags = new FileQueryFlags();
        flags.setFileSize(true);
        flags.setModification(true);
        flags.setFileType(true);
        ss.setDetails(flags);
        ss.setMatchPattern(new String[] {"*.vmdk"});
        Task search = store.getBrowser().searchDatastore_Task("[LocalDS_0] d1", ss);
        assertThat(search.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        HostDatastoreBrowserSearchResults r = (HostDatastoreBrowserSearchResults) search.getTaskInfo().getResult();
        assertThat(Arrays.stream(r.getFile()).map(f -> f.getPath())).containsExactly("base.vmdk");
        Task sub = store.getBrowser().searchDatastoreSubFolders_Task("[LocalDS_0] d1", ss);
        assertThat(sub.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(sub.getTaskInfo().getResult().getClass().getSimpleName()).isEqualTo("ArrayOfHostDatastoreBrowserSearchResults");
        assertThat(fm.deleteDatastoreFile_Task("[LocalDS_0] d2", dc).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(Files.exists(ds.resolve("d2"))).isFalse();
        Task escape = fm.deleteDatastoreFile_Task("[LocalDS_0] ../../inventory", dc);
        escape.getTaskInfo().getState().toString();
        assertThat(escape.getTaskInfo().getState().toString()).isEqualTo("error");
        assertThat(Files.isDirectory(state.resolve("inventory"))).isTrue();
    }

    @Test
    void vmReconfigureHotAddRemoveAndPower() throws Exception {
        ResourcePool root = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_H0/Resources");
        VirtualApp vapp = root.createVApp("app1", pool(), new VAppConfigSpec(), null);
        assertThat(si.getSearchIndex().findChild(dc.getVmFolder(), "app1")).isNotNull();
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName("rvm");
        VirtualMachineFileInfo files = new VirtualMachineFileInfo();
        files.setVmPathName("[LocalDS_0]");
        spec.setFiles(files);
        ParaVirtualSCSIController scsi = new ParaVirtualSCSIController();
        scsi.setKey(-100);
        scsi.setBusNumber(0);
        scsi.setSharedBus(VirtualSCSISharing.noSharing);
        spec.setDeviceChange(new VirtualDeviceConfigSpec[] {change(scsi, null), change(disk(-101, -100, "[LocalDS_0]", null, 2048), "create")});
        Task t = vapp.createChildVM_Task(spec, null);
        assertThat(t.getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
        assertThat(Files.exists(ds.resolve("rvm/rvm.vmdk"))).isTrue();
        // as on vCenter: a vApp's VM has parentVApp and no folder
        assertThat(((ManagedObjectReference) vm.getPropertyByPath("parentVApp")).getVal()).isEqualTo(vapp.getMOR().getVal());
        assertThat(si.getSearchIndex().findByInventoryPath("DC0/vm/app1/rvm")).isNotNull();
        assertThat(si.getSearchIndex().findByInventoryPath("DC0/vm/rvm")).isNull();
        int scsiKey = Arrays.stream(vm.getConfig().getHardware().getDevice()).filter(d -> d instanceof ParaVirtualSCSIController)
                .findFirst().orElseThrow().getKey();

        VirtualMachineConfigSpec add = new VirtualMachineConfigSpec();
        VirtualSerialPort sp = new VirtualSerialPort();
        sp.setKey(-1);
        VirtualSerialPortFileBackingInfo fb = new VirtualSerialPortFileBackingInfo();
        fb.setFileName("[LocalDS_0] rvm/console.log");
        sp.setBacking(fb);
        add.setDeviceChange(new VirtualDeviceConfigSpec[] {change(disk(-2, scsiKey, "[LocalDS_0]", "[LocalDS_0] rvm/rvm.vmdk", 1024), "create"), change(sp, null)});
        OptionValue ov = new OptionValue();
        ov.setKey("guestinfo.k");
        ov.setValue("v");
        add.setExtraConfig(new OptionValue[] {ov});
        assertThat(vm.reconfigVM_Task(add).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        VirtualDevice child = Arrays.stream(vm.getConfig().getHardware().getDevice())
                .filter(d -> d instanceof VirtualDisk && ((VirtualDiskFlatVer2BackingInfo) d.getBacking()).getFileName().endsWith("rvm_1.vmdk")).findFirst().orElseThrow();
        // asked smaller than its 2 MiB parent (read from the parent's header): as large as the parent
        assertThat(qemuImgInfo(ds.resolve("rvm/rvm_1.vmdk"))).contains("backing file: rvm.vmdk").contains("virtual size: 2 MiB");
        assertThat(Arrays.stream(vm.getConfig().getHardware().getDevice()).filter(d -> d instanceof VirtualSerialPort)).hasSize(1);
        VirtualMachineConfigSpec remove = new VirtualMachineConfigSpec();
        VirtualDeviceConfigSpec rm = new VirtualDeviceConfigSpec();
        rm.setOperation(VirtualDeviceConfigSpecOperation.remove);
        rm.setFileOperation(VirtualDeviceConfigSpecFileOperation.destroy);
        rm.setDevice(child);
        ov.setValue("");
        remove.setExtraConfig(new OptionValue[] {ov});
        remove.setDeviceChange(new VirtualDeviceConfigSpec[] {rm});
        assertThat(vm.reconfigVM_Task(remove).getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(Files.exists(ds.resolve("rvm/rvm_1.vmdk"))).isFalse();
        assertThat(vm.getConfig().getExtraConfig() == null ? new OptionValue[0] : vm.getConfig().getExtraConfig()).noneMatch(o -> o.getKey().equals("guestinfo.k"));

        assertThatThrownBy(vm::shutdownGuest).isInstanceOf(InvalidPowerState.class);
        assertThat(vapp.powerOnVApp_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOn");
        assertThat(vm.resetVM_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        Task destroyOn = vm.destroy_Task();
        destroyOn.getTaskInfo().getState().toString();
        assertThat(destroyOn.getTaskInfo().getError().getFault()).isInstanceOf(InvalidPowerState.class);
        vm.shutdownGuest();
        assertThat(vm.getRuntime().getPowerState().toString()).isEqualTo("poweredOff");

        EventFilterSpec ef = new EventFilterSpec();
        EventFilterSpecByEntity be = new EventFilterSpecByEntity();
        be.setEntity(vm.getMOR());
        be.setRecursion(EventFilterSpecRecursionOption.self);
        ef.setEntity(be);
        Event[] events = si.getEventManager().queryEvents(ef);
        assertThat(Arrays.stream(events).map(e -> e.getClass().getSimpleName())).contains("VmCreatedEvent", "VmPoweredOnEvent", "VmReconfiguredEvent");

        vm.unregisterVM();
        assertThat(Files.exists(ds.resolve("rvm/rvm.vmx"))).isTrue();
        assertThat(si.getSearchIndex().findByUuid(dc, "no-such-uuid", true)).isNull();
        assertThat(vapp.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
        assertThat(si.getSearchIndex().findChild(dc.getVmFolder(), "app1")).isNull();
    }

    @Test
    void networkingFirewallOptionsLicensesFields() throws Exception {
        HostSystem h = (HostSystem) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_H0/DC0_H0");
        HostNetworkSystem ns = h.getHostNetworkSystem();
        HostVirtualSwitchSpec vs = new HostVirtualSwitchSpec();
        vs.setNumPorts(64);
        ns.addVirtualSwitch("vSwitchBridge", vs);
        HostPortGroupSpec pg = new HostPortGroupSpec();
        pg.setName("bridge-pg");
        pg.setVlanId(0);
        pg.setVswitchName("vSwitchBridge");
        pg.setPolicy(new HostNetworkPolicy());
        ns.addPortGroup(pg);
        assertThat(Arrays.stream(dc.getNetworks()).map(ManagedEntity::getName)).contains("bridge-pg");
        ns.removePortGroup("bridge-pg");
        assertThat(Arrays.stream(dc.getNetworks()).map(ManagedEntity::getName)).doesNotContain("bridge-pg");

        HostFirewallDefaultPolicy p = new HostFirewallDefaultPolicy();
        p.setIncomingBlocked(false);
        p.setOutgoingBlocked(false);
        h.getHostFirewallSystem().updateDefaultPolicy(p);
        h.getHostFirewallSystem().refreshFirewall();
        assertThat(h.getHostFirewallSystem().getFirewallInfo().getDefaultPolicy().getOutgoingBlocked()).isFalse();

        OptionValue[] fqdn = si.getOptionManager().queryOptions("VirtualCenter.FQDN");
        assertThat(fqdn[0].getValue()).isEqualTo("127.0.0.1");
        assertThat(si.getLicenseManager().getLicenses()[0].getProperties()).anyMatch(kv -> kv.getKey().equals("feature"));

        CustomFieldsManager cfm = si.getCustomFieldsManager();
        CustomFieldDef def = cfm.addCustomFieldDef("owner", "VirtualMachine", null, null);
        assertThatThrownBy(() -> cfm.addCustomFieldDef("owner", "VirtualMachine", null, null)).isInstanceOf(DuplicateName.class);
        cfm.setField(h, def.getKey(), "me");
        assertThat(h.getCustomValue()).hasSize(1);
        Folder f = dc.getVmFolder().createFolder("sub");
        assertThatThrownBy(() -> dc.getVmFolder().createFolder("sub")).isInstanceOf(DuplicateName.class);
        assertThat(f.destroy_Task().getTaskInfo().getState().toString()).isEqualTo(Task.SUCCESS);
    }

    @Test
    void retrievePropertiesExPagesWithTraversal() throws Exception {
        TraversalSpec dcToHf = new TraversalSpec();
        dcToHf.setName("dcToHf");
        dcToHf.setType("Datacenter");
        dcToHf.setPath("hostFolder");
        TraversalSpec visit = new TraversalSpec();
        visit.setName("visit");
        visit.setType("Folder");
        visit.setPath("childEntity");
        TraversalSpec crToH = new TraversalSpec();
        crToH.setName("crToH");
        crToH.setType("ComputeResource");
        crToH.setPath("host");
        com.vmware.vim25.SelectionSpec ref = new com.vmware.vim25.SelectionSpec();
        ref.setName("visit");
        com.vmware.vim25.SelectionSpec refH = new com.vmware.vim25.SelectionSpec();
        refH.setName("crToH");
        visit.setSelectSet(new com.vmware.vim25.SelectionSpec[] {ref, refH});
        dcToHf.setSelectSet(new com.vmware.vim25.SelectionSpec[] {ref});
        ObjectSpec os = new ObjectSpec();
        os.setObj(dc.getMOR());
        os.setSkip(true);
        os.setSelectSet(new com.vmware.vim25.SelectionSpec[] {dcToHf, visit, crToH});
        PropertySpec ps = new PropertySpec();
        ps.setType("ManagedEntity");
        ps.setPathSet(new String[] {"name", "nonsense"});
        PropertyFilterSpec fs = new PropertyFilterSpec();
        fs.setObjectSet(new ObjectSpec[] {os});
        fs.setPropSet(new PropertySpec[] {ps});
        RetrieveOptions ro = new RetrieveOptions();
        ro.setMaxObjects(2);
        RetrieveResult first = si.getPropertyCollector().retrievePropertiesEx(new PropertyFilterSpec[] {fs}, ro);
        assertThat(first.getObjects()).hasSize(2);
        assertThat(first.getToken()).isNotNull();
        RetrieveResult rest = si.getPropertyCollector().continueRetrievePropertiesEx(first.getToken());
        java.util.List<ObjectContent> all = new java.util.ArrayList<>(Arrays.asList(first.getObjects()));
        all.addAll(Arrays.asList(rest.getObjects()));
        assertThat(all.stream().map(o -> o.getObj().getType())).contains("Folder", "ClusterComputeResource", "HostSystem").doesNotContain("Datacenter");
        assertThat(all.stream().map(o -> o.getObj().getVal())).contains("host-20", "host-21", "host-32");
        assertThat(all.get(0).getMissingSet()[0].getPath()).isEqualTo("nonsense");
    }

    @Test
    void sessionsAreIndependent() throws Exception {
        ServiceInstance other = new ServiceInstance(new URL(sim.sdkUrl().toString()), "user", "pass", true);
        String key = other.getSessionManager().getCurrentSession().getKey();
        assertThat(si.getSessionManager().sessionIsActive(key, "user")).isTrue();
        other.getServerConnection().logout();
        assertThat(si.getSessionManager().sessionIsActive(key, "user")).isFalse();
        assertThat(si.getRootFolder().getName()).isEqualTo("Datacenters");
    }

    private static String qemuImgInfo(Path p) throws Exception {
        Process pr = new ProcessBuilder("qemu-img", "info", p.toString()).redirectErrorStream(true).start();
        String out = new String(pr.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        pr.waitFor();
        return out;
    }

    private static VirtualDisk disk(int key, int controller, String file, String parent, long kb) {
        VirtualDisk d = new VirtualDisk();
        d.setKey(key);
        d.setControllerKey(controller);
        d.setCapacityInKB(kb);
        VirtualDiskFlatVer2BackingInfo b = new VirtualDiskFlatVer2BackingInfo();
        b.setFileName(file);
        b.setDiskMode("persistent");
        b.setThinProvisioned(true);
        if (parent != null) {
            VirtualDiskFlatVer2BackingInfo pb = new VirtualDiskFlatVer2BackingInfo();
            pb.setFileName(parent);
            pb.setDiskMode("persistent");
            b.setParent(pb);
        }
        d.setBacking(b);
        return d;
    }

    private static VirtualDeviceConfigSpec change(VirtualDevice d, String fileOp) {
        VirtualDeviceConfigSpec s = new VirtualDeviceConfigSpec();
        s.setOperation(VirtualDeviceConfigSpecOperation.add);
        if (fileOp != null) s.setFileOperation(VirtualDeviceConfigSpecFileOperation.create);
        s.setDevice(d);
        return s;
    }

    private static ResourceConfigSpec pool() {
        ResourceConfigSpec s = new ResourceConfigSpec();
        ResourceAllocationInfo a = new ResourceAllocationInfo();
        a.setReservation(0L);
        a.setExpandableReservation(true);
        a.setLimit(-1L);
        SharesInfo sh = new SharesInfo();
        sh.setLevel(SharesLevel.normal);
        sh.setShares(4000);
        a.setShares(sh);
        s.setCpuAllocation(a);
        s.setMemoryAllocation(a);
        return s;
    }
}
