package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Extracts files from an ISO with {@code xorriso -osirrox on}. */
final class Xorriso {

    /** A file (or directory) of the ISO and the name it gets in the target directory. */
    record Item(String isoPath, String target) {
    }

    private Xorriso() {
    }

    /** Extracts what exists of {@code items} into {@code dir}; missing files are simply absent afterwards. */
    static void extract(Path iso, Path dir, List<Item> items) throws IOException {
        checkIso9660(iso);
        List<String> cmd = new ArrayList<>(List.of("xorriso", "-osirrox", "on", "-indev", iso.toString(),
                "-abort_on", "NEVER"));
        for (Item item : items) {
            cmd.addAll(List.of("-extract", item.isoPath(), dir.resolve(item.target()).toString()));
        }
        Path log = dir.resolve(".xorriso.log");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("Tried to extract from ISO " + iso + " but xorriso did not finish in 120 s");
            }
        } catch (InterruptedException e) {
            p.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while extracting from " + iso, e);
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        // "-abort_on NEVER" lets missing optional files pass; a broken image shows as no volume
        if (!out.contains("Volume id") || out.contains("Media status : is blank")) {
            throw new IOException("Tried to read ISO " + iso + " but xorriso failed: " + tail(out));
        }
    }

    /** xorriso treats a missing or non-ISO file as an empty medium; refuse those before asking it. */
    static void checkIso9660(Path iso) throws IOException {
        if (!Files.isRegularFile(iso)) {
            throw new IOException("Tried to read ISO " + iso + " but it is not a file");
        }
        try (var ch = Files.newByteChannel(iso)) {
            var buf = java.nio.ByteBuffer.allocate(5);
            ch.position(0x8001);
            while (buf.hasRemaining() && ch.read(buf) > 0) {
                // fill
            }
            if (!"CD001".equals(new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII))) {
                throw new IOException("Tried to read ISO " + iso + " but it is not an ISO 9660 image (no CD001 descriptor)");
            }
        }
    }

    private static String tail(String s) {
        String t = s.strip();
        return t.length() > 600 ? "..." + t.substring(t.length() - 600) : t;
    }
}
