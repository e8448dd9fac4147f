package dev.vch.portlayer.image.store;

import java.nio.file.Path;
import java.util.List;

/**
 * The image store's view of a vSphere datastore: files addressed by slash-separated paths
 * relative to the datastore root. The appliance reaches a real datastore only through the
 * vSphere API (datastore HTTP {@code /folder} GET/PUT/DELETE, FileManager.MakeDirectory,
 * FileManager.DeleteDatastoreFile, HostDatastoreBrowser): {@code vm.VsphereImageDatastore}, what
 * the appliance uses. {@link LocalDirDatastore} serves unit tests. Every method throws
 * {@link dev.vch.portlayer.api.PortLayerException} (NOT_FOUND for a missing path).
 */
public interface ImageDatastore {

    /** Writes (replaces) {@code path} with the content of a local file. */
    void put(String path, Path source);

    /** Writes (replaces) a small file; readers never see a partial one. */
    void putBytes(String path, byte[] data);

    /** Copies {@code path} to a local file. */
    void get(String path, Path target);

    /** Reads a small file. */
    byte[] getBytes(String path);

    boolean exists(String path);

    /** The names directly inside a directory; empty when it does not exist. */
    List<String> list(String dir);

    /** Creates a directory and its parents. */
    void mkdir(String dir);

    /** Deletes a file, or a directory with everything in it; missing is fine. */
    void delete(String path);

    /** The path as vSphere names it in a VM config: "[datastore1] path". */
    String datastorePath(String path);
}
