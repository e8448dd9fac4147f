package dev.vch.tether.guest;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a virtio-serial port's device node by the name the host gave it. */
final class VirtioPorts {

    private VirtioPorts() {
    }

    /** {@code /dev/vportNpM} of the port named {@code name}, if the device has been probed yet. */
    static Optional<String> find(String name) {
        Path dir = Path.of(GuestPaths.VIRTIO_PORTS);
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (DirectoryStream<Path> ports = Files.newDirectoryStream(dir)) {
            for (Path p : ports) {
                Path n = p.resolve("name");
                if (Files.isReadable(n) && Files.readString(n).strip().equals(name)) {
                    return Optional.of("/dev/" + p.getFileName());
                }
            }
        } catch (IOException e) {
            Console.info("cannot list virtio ports: " + e.getMessage());
        }
        return Optional.empty();
    }

    /** Waits up to {@code timeoutMs} for the port (virtio ports appear once the host side answered). */
    static Optional<String> await(String name, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            Optional<String> found = find(name);
            if (found.isPresent() && Files.exists(Path.of(found.get()))) return found;
            if (System.nanoTime() > deadline) return Optional.empty();
            Poll.pause();
        }
    }
}
