package dev.vch.tether.harness;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Kernel, initrd and command line of an ISO's default isolinux entry, extracted with xorriso: what
 * the simulator does before booting an ISO directly (guestinfo-channel.md section 4).
 */
public record BootFiles(Path kernel, Path initrd, String append) {

    public static BootFiles extract(Path iso, Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Process p = new ProcessBuilder("xorriso", "-osirrox", "on", "-indev", iso.toString(),
                "-extract", "/isolinux/isolinux.cfg", dir.resolve("isolinux.cfg").toString(),
                "-extract", "/boot/vmlinuz", dir.resolve("vmlinuz").toString(),
                "-extract", "/boot/initrd.img", dir.resolve("initrd.img").toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException("xorriso could not extract the boot files of " + iso + ": " + out);
        String append = null;
        for (String line : Files.readAllLines(dir.resolve("isolinux.cfg"))) {
            line = line.strip();
            if (line.startsWith("APPEND ")) append = line.substring("APPEND ".length());
        }
        if (append == null) throw new IOException(iso + " has no APPEND line in /isolinux/isolinux.cfg");
        return new BootFiles(dir.resolve("vmlinuz"), dir.resolve("initrd.img"), append);
    }

    static List<String> run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        if (p.waitFor() != 0) throw new IOException(String.join(" ", cmd) + " failed: " + out);
        return out.lines().toList();
    }
}
