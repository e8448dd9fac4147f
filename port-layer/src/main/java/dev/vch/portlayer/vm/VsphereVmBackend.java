package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmInfo;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * containerVMs through the vSphere client: created in the VCH's resource pool and VM folder,
 * files in the image datastore.
 *
 * <p>The vsphere module's {@link VmSpec} has no disk with a parent backing yet, so the
 * container disk is made in two steps: CreateVM_Task with a placeholder disk, then the
 * placeholder is replaced (datastore HTTP PUT) by an empty copy-on-write child VMDK whose
 * descriptor names the image disk by relative path. qemu-img reads the parent to make the
 * child, so this needs the datastore as a local directory ({@code localDatastore}: the
 * embedded endpoint's). See docs/design/container-lifecycle.md.
 */
public final class VsphereVmBackend implements VmBackend {
    private static final Logger LOG = LoggerFactory.getLogger(VsphereVmBackend.class);

    private final VsphereClient client;
    private final Datacenter dc;
    private final MoRef pool;
    private final MoRef folder;
    private final Path workDir;
    private final Path localDatastore;
    /** Portgroup name to its reference: looked up once, networks do not move under a VCH. */
    private final Map<String, MoRef> networks = new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * @param localDatastore the image datastore's directory on this host, or null when it is
     *                       reachable only through vSphere (then creating a container fails clearly)
     */
    public VsphereVmBackend(VsphereClient client, Datacenter dc, MoRef pool, MoRef folder, Path workDir,
                            Path localDatastore) {
        this.client = client;
        this.dc = dc;
        this.pool = pool;
        this.folder = folder;
        this.workDir = workDir;
        this.localDatastore = localDatastore;
    }

    @Override
    public String create(ContainerVmSpec spec) {
        if (localDatastore == null) {
            throw PortLayerException.notImplemented("creating a container disk needs the image datastore as a local "
                    + "directory until the vsphere module can create a disk with a parent backing in CreateVM_Task");
        }
        List<MoRef> nets = spec.network() == null ? List.of() : List.of(networks.computeIfAbsent(spec.network(),
                n -> call("find network " + n, () -> client.inventory().network(dc, n).ref())));
        long diskMb = Math.max(1, spec.diskCapacityMB());
        VmSpec vm = new VmSpec(spec.displayName(), "otherLinux64Guest", spec.cpus(), spec.memoryMB(), spec.datastore(),
                List.of(spec.bootstrapIso()), nets, spec.serialUri() == null ? List.of() : List.of(spec.serialUri()),
                diskMb, spec.extraConfig(), "container " + spec.containerId());
        MoRef ref = call("create containerVM " + spec.displayName(), () -> client.vms().create(folder, pool, vm));
        try {
            replaceDiskWithChild(spec, diskMb);
        } catch (RuntimeException e) {
            destroy(ref.value());
            throw e;
        }
        return ref.value();
    }

    private void replaceDiskWithChild(ContainerVmSpec spec, long diskMb) {
        String dir = spec.displayName();
        String diskPath = dir + "/" + dir + ".vmdk";
        String parentInDatastore = DatastorePaths.relative(spec.parentDisk(), spec.datastore());
        Path local = null;
        try {
            Files.createDirectories(workDir);
            local = ChildDisks.create(workDir, localDatastore, parentInDatastore, diskMb);
            Path file = local;
            call("upload the container disk of " + spec.displayName(),
                    () -> {
                        client.files().upload(dc, spec.datastore(), diskPath, file);
                        return null;
                    });
            LOG.debug("container disk [{}] {} is a child of {}", spec.datastore(), diskPath, spec.parentDisk());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (local != null) {
                ChildDisks.deleteTree(local.getParent().getParent());
            }
        }
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
