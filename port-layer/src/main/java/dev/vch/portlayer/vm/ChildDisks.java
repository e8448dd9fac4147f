package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Empty copy-on-write child VMDKs made with qemu-img. The child's descriptor must name its
 * parent relative to the child's folder on the datastore ({@code ../<store>/images/...}), and
 * qemu-img reads the parent while creating the child, so it runs in a scratch tree where that
 * relative path resolves through a symbolic link into the local datastore directory.
 */
final class ChildDisks {
    private ChildDisks() {
    }

    /** Returns the new child ({@code <scratch>/c/child.vmdk}); delete its scratch tree afterwards. */
    static Path create(Path workDir, Path localDatastore, String parentInDatastore, long capacityMb) throws IOException {
        Path scratch = Files.createTempDirectory(workDir, "disk");
        Path childDir = Files.createDirectories(scratch.resolve("c"));
        String top = parentInDatastore.split("/")[0];
        Files.createSymbolicLink(scratch.resolve(top), localDatastore.resolve(top).toAbsolutePath());
        Path child = childDir.resolve("child.vmdk");
        run(childDir, List.of("qemu-img", "create", "-q", "-f", "vmdk", "-b", "../" + parentInDatastore, "-F", "vmdk",
                child.toString(), capacityMb + "M"));
        return child;
    }

    static void deleteTree(Path dir) {
        try (var s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a scratch tree left in the work dir is harmless
        }
    }

    private static void run(Path dir, List<String> cmd) {
        try {
            Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
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
