package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VmPowerWatch;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * containerVMs through the vSphere client: created in the VCH's resource pool and VM folder,
 * files in the image datastore. The container disk is created by the same CreateVM_Task as a
 * copy-on-write child of the image's top layer disk ({@code VmSpec.parentDisk}), so vSphere
 * makes it where the VM lives; nothing is made or uploaded locally.
 */
public final class VsphereVmBackend implements VmBackend {
    private static final Logger LOG = LoggerFactory.getLogger(VsphereVmBackend.class);

    private final VsphereClient client;
    private final Datacenter dc;
    private final MoRef pool;
    private final MoRef folder;
    /** Portgroup name to its reference: looked up once, networks do not move under a VCH. */
    private final Map<String, MoRef> networks = new java.util.concurrent.ConcurrentHashMap<>();

    public VsphereVmBackend(VsphereClient client, Datacenter dc, MoRef pool, MoRef folder) {
        this.client = client;
        this.dc = dc;
        this.pool = pool;
        this.folder = folder;
    }

    @Override
    public String create(ContainerVmSpec spec) {
        List<MoRef> nets = spec.network() == null ? List.of() : List.of(networks.computeIfAbsent(spec.network(),
                n -> call("find network " + n, () -> client.inventory().network(dc, n).ref())));
        VmSpec vm = new VmSpec(spec.displayName(), "otherLinux64Guest", spec.cpus(), spec.memoryMB(), spec.datastore(),
                List.of(spec.bootstrapIso()), nets, spec.serialUri() == null ? List.of() : List.of(spec.serialUri()),
                Math.max(1, spec.diskCapacityMB()), spec.extraConfig(), "container " + spec.containerId(),
                spec.parentDisk());
        MoRef ref = call("create containerVM " + spec.displayName(), () -> client.vms().create(folder, pool, vm));
        LOG.debug("containerVM {} ({}): disk is a child of {}", spec.displayName(), ref.value(), spec.parentDisk());
        return ref.value();
    }

    @Override
    public void powerOn(String handle) {
        call("power on " + handle, () -> {
            client.vms().powerOn(vm(handle));
            return null;
        });
    }

    @Override
    public void powerOff(String handle) {
        try {
            client.vms().powerOff(vm(handle));
        } catch (VsphereException e) {
            // already off is what we wanted; anything else is real
            Optional<VmRecord> now = get(handle);
            if (now.isPresent() && now.get().poweredOn()) {
                throw VsphereErrors.map("power off " + handle, e);
            }
        }
    }

    @Override
    public void destroy(String handle) {
        call("destroy " + handle, () -> {
            client.vms().destroy(vm(handle));
            return null;
        });
    }

    @Override
    public void setExtraConfig(String handle, Map<String, String> values) {
        call("reconfigure " + handle, () -> {
            client.vms().setExtraConfig(vm(handle), values);
            return null;
        });
    }

    @Override
    public List<VmRecord> list() {
        List<VmInfo> vms = call("list the VMs of the VCH", () -> client.vms().in(pool));
        List<VmRecord> out = new ArrayList<>(vms.size());
        for (VmInfo i : vms) {
            out.add(new VmRecord(i.ref().value(), i.name(), i.poweredOn(), i.extraConfig()));
        }
        return out;
    }

    @Override
    public Optional<VmRecord> get(String handle) {
        try {
            VmInfo i = client.vms().info(vm(handle));
            return Optional.of(new VmRecord(i.ref().value(), i.name(), i.poweredOn(), i.extraConfig()));
        } catch (VsphereException e) {
            if (e.kind() == VsphereException.Kind.NOT_FOUND) {
                return Optional.empty();
            }
            throw VsphereErrors.map("read VM " + handle, e);
        }
    }

    @Override
    public AutoCloseable watchPower(PowerListener listener) {
        return client.vms().watchPower(pool, new VmPowerWatch.Listener() {
            @Override
            public void powerState(MoRef vm, boolean poweredOn) {
                listener.powerState(vm.value(), poweredOn);
            }

            @Override
            public void gone(MoRef vm) {
                listener.gone(vm.value());
            }
        });
    }

    private static MoRef vm(String handle) {
        return new MoRef("VirtualMachine", handle);
    }

    private static <T> T call(String action, Supplier<T> body) {
        try {
            return body.get();
        } catch (VsphereException e) {
            throw VsphereErrors.map(action, e);
        } catch (PortLayerException e) {
            throw e;
        }
    }
}
