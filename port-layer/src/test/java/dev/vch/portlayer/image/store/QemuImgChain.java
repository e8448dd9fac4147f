package dev.vch.portlayer.image.store;

import dev.vch.portlayer.image.disk.QemuImg;

import java.nio.file.Path;

/** Test shorthand for the backing chain of a disk. */
final class QemuImgChain {
    private QemuImgChain() {
    }

    static String of(Path vmdk) {
        return QemuImg.backingChain(vmdk);
    }
}
