package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** A datastore: a directory under the state directory; capacity from its file system. */
public final class Datastore extends ManagedEntity {
    public Datastore(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static Datastore create(Sim sim, String id, String name, MoRef parent) {
        Datastore ds = new Datastore(sim, new MoRef("Datastore", id));
        ds.init(name, parent);
        ds.props.put("host", ArrayOf.of("DatastoreHostMount"));
        ds.props.put("vm", ArrayOf.of("ManagedObjectReference"));
        HostDatastoreBrowser b = HostDatastoreBrowser.create(sim, sim.inventory().newId("datastoreBrowser"), ds.ref());
        ds.props.put("browser", b.ref());
        ds.props.put("capability", DataObject.of("DatastoreCapability", "directoryHierarchySupported", true,
                "rawDiskMappingsSupported", false, "perFileThinProvisioningSupported", true, "storageIORMSupported", false,
                "nativeSnapshotSupported", false, "topLevelDirectoryCreateSupported", true, "seSparseSupported", false));
        sim.inventory().add(ds);
        ds.restored();
        return ds;
    }

    @Override
    public void restored() {
        try {
            Files.createDirectories(directory());
        } catch (IOException e) {
            throw new UncheckedIOException("Tried to create datastore directory " + directory() + " but failed", e);
        }
    }

    public Path directory() {
        return sim.datastores().directoryOf(name());
    }

    public MoRef browser() {
        return (MoRef) props.get("browser");
    }

    public void mountOn(HostSystem h) {
        ((ArrayOf) props.get("host")).items().add(DataObject.of("DatastoreHostMount", "key", h.ref(),
                "mountInfo", DataObject.of("HostMountInfo", "path", directory().toAbsolutePath().toString(),
                        "accessMode", "readWrite", "mounted", true, "accessible", true)));
        touch();
    }

    public void addVm(MoRef vm) {
        addRef("vm", vm);
    }

    public void removeVm(MoRef vm) {
        removeRef("vm", vm);
    }

    public String url() {
        return "ds:///vmfs/volumes/" + ref().value() + "/";
    }

    @Override
    public Object property(String name) {
        return switch (name) {
            case "summary" -> summary();
            case "info" -> info();
            default -> super.property(name);
        };
    }

    @Override
    public Collection<String> propertyNames() {
        List<String> names = new ArrayList<>(super.propertyNames());
        names.addAll(List.of("summary", "info"));
        return names;
    }

    private long[] space() {
        try {
            FileStore fs = Files.getFileStore(directory());
            return new long[] {fs.getTotalSpace(), fs.getUsableSpace()};
        } catch (IOException e) {
            return new long[] {0, 0};
        }
    }

    private DataObject summary() {
        long[] s = space();
        return DataObject.of("DatastoreSummary", "datastore", ref(), "name", name(), "url", url(), "capacity", s[0],
                "freeSpace", s[1], "uncommitted", 0L, "accessible", true, "multipleHostAccess", refs("host").size() > 1,
                "type", "VMFS", "maintenanceMode", "normal");
    }

    private DataObject info() {
        long[] s = space();
        return DataObject.of("VmfsDatastoreInfo", "name", name(), "url", url(), "freeSpace", s[1],
                "maxFileSize", 62L * 1024 * 1024 * 1024 * 1024, "timestamp", java.time.Instant.now(),
                "vmfs", DataObject.of("HostVmfsVolume", "type", "VMFS", "name", name(), "capacity", s[0],
                        "blockSizeMb", 1, "maxBlocks", 63963136, "majorVersion", 5, "version", "5.60",
                        "uuid", ref().value(), "extent", ArrayOf.of("HostScsiDiskPartition"),
                        "vmfsUpgradable", false, "ssd", false, "local", true));
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "RefreshDatastore", "RefreshDatastoreStorageInfo" -> null;
            default -> super.invoke(method, args, ctx);
        };
    }
}
