package dev.vch.portlayer.image;

import dev.vch.portlayer.image.layer.LayerApplier.DevicePolicy;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LayerBuilder;
import dev.vch.portlayer.image.store.LayerRecord;
import dev.vch.portlayer.image.store.LayerStore;
import dev.vch.portlayer.image.store.LocalDirDatastore;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

/**
 * Child process of {@link UnprivilegedBuildIT}: builds a layer with foreign owners and
 * setuid bits in a store under {@code args[0]} and prints the top disk's path.
 */
public final class UnprivilegedLoad {

    private UnprivilegedLoad() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[0]);
        LocalDirDatastore ds = new LocalDirDatastore(dir.resolve("ds"), "datastore1");
        LayerStore store = new LayerStore(ds, "s", dir.resolve("work"), 64L * 1024 * 1024);
        store.start();
        byte[] layer = new TarBuilder()
                .dir("home/app", 0750, 1000, 1000)
                .file("home/app/secret", "s", 0600, 1000, 1000)
                .file("bin/su", "su", 04755, 0, 0)
                .file("bin/busybox", "bb", 0755, 0, 0)
                .hardlink("bin/sh", "bin/busybox")
                .symlink("bin/ls", "busybox")
                .build();
        try (LayerBuilder b = store.builder("")) {
            LayerRecord r = b.add(new ByteArrayInputStream(layer), null, DevicePolicy.REJECT);
            String hex = ChainIds.hex(r.chainId());
            System.out.println(ds.resolve(store.disk(hex)));
        }
    }
}
