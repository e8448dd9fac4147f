package dev.vch.appliance;

import dev.vch.appliance.ApplianceException.Kind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the image datastore is on the local disk when the appliance runs as a host process of
 * the embedded endpoint. Only the container-disk stopgap of {@code VsphereVmBackend} still needs
 * it (the image store goes through the vSphere API); the embedded endpoint keeps each datastore in
 * {@code <state>/datastores/<name>} and runs the appliance in {@code <state>/vms/<id>/process}, so
 * the directory is found by walking up from {@code VSPHERE_VM_DIR}. On real vSphere this answers
 * a clear error.
 */
final class EmbeddedDatastore {
    private EmbeddedDatastore() {
    }

    static Path locate(Path vmDir, String datastore) {
        for (Path p = vmDir.toAbsolutePath().normalize(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("datastores").resolve(datastore);
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new ApplianceException(Kind.NOT_IMPLEMENTED, "cannot reach image datastore [" + datastore + "] as a "
                + "local directory: container disks are made next to their image disk with qemu-img until the vsphere "
                + "module creates them in CreateVM_Task; until then the appliance must run on the embedded endpoint, "
                + "whose datastore directory was not found above " + vmDir);
    }

    /** {@code ds://[datastore]/path} to (datastore, path). */
    static String[] parseStoreUrl(String url) {
        if (url == null || !url.startsWith("ds://[") || url.indexOf(']') < 0) {
            throw new ApplianceException(Kind.CONFIG, "image store URL must be ds://[datastore]/path, got " + url);
        }
        int close = url.indexOf(']');
        String path = url.substring(close + 1).replaceAll("^/+", "");
        return new String[] {url.substring(6, close), path};
    }
}
