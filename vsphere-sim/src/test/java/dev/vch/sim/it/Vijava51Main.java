package dev.vch.sim.it;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.OptionValue;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.mo.Datacenter;
import com.vmware.vim25.mo.ResourcePool;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.mo.Task;
import com.vmware.vim25.mo.VirtualMachine;
import java.net.URL;

/**
 * Runs in a forked JVM whose class path holds stock vijava 5.1 (not yavijava): logs in and uses
 * the endpoint with no tolerance added. Prints "OK" as its last line on success.
 */
public final class Vijava51Main {
    private Vijava51Main() {
    }

    public static void main(String[] args) throws Exception {
        try {
            new ServiceInstance(new URL(args[0]), "user", "wrong", true);
            throw new IllegalStateException("a wrong password logged in");
        } catch (com.vmware.vim25.InvalidLogin expected) {
            System.out.println("InvalidLogin as expected");
        }
        ServiceInstance si = new ServiceInstance(new URL(args[0]), "user", "pass", true);
        System.out.println("api " + si.getAboutInfo().getApiVersion());
        Datacenter dc = (Datacenter) si.getSearchIndex().findByInventoryPath("DC0");
        System.out.println("datastores " + dc.getDatastores().length + " networks " + dc.getNetworks().length);
        ResourcePool pool = (ResourcePool) si.getSearchIndex().findByInventoryPath("DC0/host/DC0_C0/Resources");
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName("vijava51-vm");
        spec.setNumCPUs(1);
        spec.setMemoryMB(128L);
        VirtualMachineFileInfo files = new VirtualMachineFileInfo();
        files.setVmPathName("[LocalDS_0]");
        spec.setFiles(files);
        OptionValue ov = new OptionValue();
        ov.setKey("guestinfo.test");
        ov.setValue("v51");
        spec.setExtraConfig(new OptionValue[] {ov});
        Task t = dc.getVmFolder().createVM_Task(spec, pool, null);
        if (!Task.SUCCESS.equals(t.waitForTask())) throw new IllegalStateException("CreateVM failed: " + t.getTaskInfo().getError().getLocalizedMessage());
        VirtualMachine vm = new VirtualMachine(si.getServerConnection(), (ManagedObjectReference) t.getTaskInfo().getResult());
        System.out.println("vm " + vm.getName() + " " + vm.getRuntime().getPowerState() + " " + vm.getConfig().getExtraConfig().length
                + " devices " + vm.getConfig().getHardware().getDevice().length + " summary " + vm.getSummary().getConfig().getName());
        if (!Task.SUCCESS.equals(vm.destroy_Task().waitForTask())) throw new IllegalStateException("Destroy failed");
        si.getServerConnection().logout();
        System.out.println("OK");
    }
}
