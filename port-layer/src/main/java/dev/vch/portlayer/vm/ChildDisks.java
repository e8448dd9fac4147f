package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Empty copy-on-write child VMDKs made with qemu-img (the parent need not exist locally). */
final class ChildDisks {
    private ChildDisks() {
    }

    static void create(Path target, String parentRelative, long capacityMb) {
        List<String> cmd = List.of("qemu-img", "create", "-q", "-f", "vmdk", "-u", "-b", parentRelative, "-F", "vmdk",
                target.toString(), capacityMb + "M");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new PortLayerException(PortLayerException.Kind.INTERNAL, "Tried to create a container disk "
                        + "but qemu-img failed: " + new String(out, StandardCharsets.UTF_8).trim());
            }
        } catch (IOException e) {
            throw new PortLayerException(PortLayerException.Kind.INTERNAL,
                    "Tried to create a container disk but qemu-img could not run: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PortLayerException(PortLayerException.Kind.INTERNAL, "interrupted creating a container disk");
        }
    }
}
