package dev.vch.portlayer.image.disk;

import java.nio.file.Path;
import java.util.List;

/** The {@code qemu-img} calls the image store makes. */
public final class QemuImg {

    private QemuImg() {
    }

    /** A thin (monolithicSparse) VMDK of a raw image: only its data grains are stored. */
    public static void rawToVmdk(Path raw, Path vmdk) {
        Tool.run(null, List.of("qemu-img", "convert", "-f", "raw", "-O", "vmdk", raw.toString(), vmdk.toString()));
    }

    /** The full content of a disk chain as one sparse raw image. */
    public static void toRaw(Path vmdk, Path raw) {
        Tool.run(null, List.of("qemu-img", "convert", "-f", "vmdk", "-O", "raw", vmdk.toString(), raw.toString()));
    }

    /**
     * An empty copy-on-write child {@code dir/name} of {@code parentRelative}; run in
     * {@code dir} so the descriptor keeps the relative parent path.
     */
    public static void createChild(Path dir, String name, String parentRelative) {
        Tool.run(dir, List.of("qemu-img", "create", "-q", "-f", "vmdk", "-b", parentRelative, "-F", "vmdk", name));
    }

    /** {@code qemu-img info --backing-chain} output, for checks and diagnostics. */
    public static String backingChain(Path vmdk) {
        return Tool.run(null, List.of("qemu-img", "info", "--backing-chain", vmdk.toString())).stdout();
    }
}
