package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ImageDatastore;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.DatastoreFiles;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Supplier;

/**
 * The image store's datastore reached through the public vSphere API only: files over the
 * datastore HTTP interface, directories, moves and deletes through the FileManager, listings
 * through the HostDatastoreBrowser. The same code serves the embedded endpoint and a real
 * vCenter or ESXi.
 */
public final class VsphereImageDatastore implements ImageDatastore {

    private final DatastoreFiles files;
    private final Datacenter dc;
    private final String datastore;

    public VsphereImageDatastore(VsphereClient vc, Datacenter dc, String datastore) {
        this.files = vc.files();
        this.dc = dc;
        this.datastore = datastore;
    }

    @Override
    public void put(String path, Path source) {
        run("upload " + datastorePath(path), () -> files.upload(dc, datastore, path, source));
    }

    @Override
    public void putBytes(String path, byte[] data) {
        run("write " + datastorePath(path), () -> files.write(dc, datastore, path, data));
    }

    @Override
    public void get(String path, Path target) {
        run("download " + datastorePath(path), () -> files.download(dc, datastore, path, target));
    }

    @Override
    public byte[] getBytes(String path) {
        return call("read " + datastorePath(path), () -> files.read(dc, datastore, path));
    }

    @Override
    public boolean exists(String path) {
        return call("look for " + datastorePath(path), () -> files.exists(dc, datastore, path));
    }

    @Override
    public List<String> list(String dir) {
        return call("list " + datastorePath(dir), () -> files.list(dc, datastore, dir).stream().sorted().toList());
    }

    @Override
    public void mkdir(String dir) {
        try {
            files.mkdir(dc, datastore, dir);
        } catch (VsphereException e) {
            if (e.kind() != VsphereException.Kind.CONFLICT) {
                throw VsphereErrors.map("create " + datastorePath(dir), e);
            }
            // FileAlreadyExists: the directory is there, which is what was asked
        }
    }

    @Override
    public void delete(String path) {
        if (path.isBlank() || path.equals("/")) {
            throw PortLayerException.invalid("refusing to delete the datastore root");
        }
        run("delete " + datastorePath(path), () -> files.deleteIfExists(dc, datastore, path));
    }

    @Override
    public String datastorePath(String path) {
        return DatastoreFiles.path(datastore, path);
    }

    private static void run(String action, Runnable r) {
        call(action, () -> {
            r.run();
            return null;
        });
    }

    private static <T> T call(String action, Supplier<T> s) {
        try {
            return s.get();
        } catch (VsphereException e) {
            throw VsphereErrors.map(action, e);
        }
    }
}
