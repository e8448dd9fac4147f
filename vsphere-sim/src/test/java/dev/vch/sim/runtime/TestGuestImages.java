package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Builds the tiny ISOs the runtime ITs boot, once per content, under ~/.cache/vch/runtime-it:
 * a guest ISO (Debian cloud kernel + busybox-static initramfs whose /init is {@code guest-init.sh},
 * laid out for isolinux: the runtime boots it directly, so no isolinux binaries are needed) and a
 * host-process ISO. The kernel comes from a {@code linux-image-*-cloud-amd64} .deb found in the
 * apt cache or fetched with {@code apt-get download}; it is unpacked into the cache, never installed.
 *
 * <p>Public so that the simulator's own ITs can boot a real guest. The guest's behaviour is chosen
 * by {@code guestinfo.test.mode} (see src/test/resources/runtime/guest-init.sh): {@code idle}
 * (default) writes {@code guestinfo.test.ready=1}, then answers every new value of
 * {@code guestinfo.test.ping} with {@code guestinfo.test.pong}; {@code rpc} exercises the channel
 * and powers off; {@code net} configures eth0 from {@code guestinfo.test.ip}; {@code devices} reports its disks, CD-ROM
 * volume label and serial ports in {@code guestinfo.test.devices} and greets each new serial port. ShutdownGuest
 * (ACPI power button) powers it off.
 */
public final class TestGuestImages {

    static final Path CACHE = Path.of(System.getProperty("user.home"), ".cache", "vch");
    private static final Path IT_CACHE = CACHE.resolve("runtime-it");
    /** Modules the guest loads, in dependency order (the cloud kernel has them as modules only). */
    static final List<String> MODULES = List.of(
            "drivers/virtio/virtio_ring", "drivers/virtio/virtio", "drivers/virtio/virtio_pci_modern_dev",
            "drivers/virtio/virtio_pci_legacy_dev", "drivers/virtio/virtio_pci", "drivers/char/virtio_console",
            "drivers/firmware/qemu_fw_cfg", "drivers/net/vmxnet3/vmxnet3", "drivers/input/evdev", "drivers/acpi/button",
            "drivers/misc/pvpanic/pvpanic", "drivers/misc/pvpanic/pvpanic-mmio",
            // loaded in the devices mode only: pvscsi disks and the IDE CD-ROM
            "drivers/scsi/scsi_common", "drivers/scsi/scsi_mod", "drivers/scsi/vmw_pvscsi", "drivers/scsi/sd_mod",
            "drivers/ata/libata", "drivers/ata/ata_piix", "drivers/cdrom/cdrom", "drivers/scsi/sr_mod");
    static final String APPEND = "console=ttyS0 quiet panic=0 cryptomgr.notests=1 mitigations=off tsc=reliable "
            + "no_timer_check random.trust_cpu=on audit=0 apparmor=0 8250.nr_uarts=1 nokaslr";

    private TestGuestImages() {
    }

    /** The guest ISO: direct-bootable through /isolinux/isolinux.cfg. */
    public static synchronized Path guestIso() throws Exception {
        Path kernelRoot = kernelRoot();
        Path vmlinuz;
        try (Stream<Path> s = Files.list(kernelRoot.resolve("boot"))) {
            vmlinuz = s.filter(p -> p.getFileName().toString().startsWith("vmlinuz-")).findFirst().orElseThrow();
        }
        String version = vmlinuz.getFileName().toString().substring("vmlinuz-".length());
        String init = resource("guest-init.sh");
        Path iso = IT_CACHE.resolve("guest-" + hash(init + MODULES + version + APPEND) + ".iso");
        if (Files.isRegularFile(iso)) {
            return iso;
        }
        Path work = Files.createTempDirectory(Files.createDirectories(IT_CACHE), "guest");
        Path root = work.resolve("initramfs");
        for (String d : List.of("bin", "dev", "proc", "sys", "lib/modules")) Files.createDirectories(root.resolve(d));
        Files.copy(Path.of("/bin/busybox"), root.resolve("bin/busybox"));
        Path modules = kernelRoot.resolve("lib/modules").resolve(version).resolve("kernel");
        for (String m : MODULES) {
            Path ko = modules.resolve(m + ".ko");
            Files.copy(ko, root.resolve("lib/modules").resolve(ko.getFileName()));
        }
        Files.writeString(root.resolve("init"), init);
        Files.setPosixFilePermissions(root.resolve("init"), PosixFilePermissions.fromString("rwxr-xr-x"));
        Path isoRoot = Files.createDirectories(work.resolve("iso/isolinux"));
        Files.copy(vmlinuz, isoRoot.resolve("vmlinuz"));
        run(root, List.of("sh", "-c", "find . | cpio -o -H newc > " + isoRoot.resolve("initrd.img")));
        Files.writeString(isoRoot.resolve("isolinux.cfg"), "DEFAULT vch\nLABEL vch\n  KERNEL vmlinuz\n  INITRD initrd.img\n  APPEND "
                + APPEND + "\n");
        return makeIso(work.resolve("iso"), iso, work);
    }

    /** A host-process ISO whose {@code appliance/run.sh} is {@code script}. */
    public static synchronized Path hostProcessIso(String script) throws Exception {
        Path iso = IT_CACHE.resolve("hostprocess-" + hash(script) + ".iso");
        if (Files.isRegularFile(iso)) {
            return iso;
        }
        Path work = Files.createTempDirectory(Files.createDirectories(IT_CACHE), "hp");
        Path dir = Files.createDirectories(work.resolve("iso/appliance"));
        Files.writeString(dir.resolve("run.sh"), script);
        Files.writeString(work.resolve("iso/host-process.properties"), "# the command, relative to the ISO root\nexec=appliance/run.sh\n");
        return makeIso(work.resolve("iso"), iso, work);
    }

    private static Path makeIso(Path content, Path iso, Path work) throws Exception {
        Path tmp = work.resolve("out.iso");
        run(work, List.of("xorriso", "-as", "mkisofs", "-quiet", "-R", "-J", "-V", "VCHTEST", "-o", tmp.toString(), content.toString()));
        Files.move(tmp, iso, StandardCopyOption.REPLACE_EXISTING);
        FileTrees.deleteQuietly(work);
        return iso;
    }

    /** An unpacked Debian cloud kernel: {@code boot/vmlinuz-*} and {@code lib/modules/*}. */
    static Path kernelRoot() throws Exception {
        Path debs = Files.createDirectories(CACHE.resolve("kernel-debs"));
        Optional<Path> deb = newestDeb(debs).or(() -> newestDeb(Path.of("/var/cache/apt/archives")));
        if (deb.isEmpty()) {
            String pkg = run(debs, List.of("sh", "-c",
                    "apt-cache depends linux-image-cloud-amd64 | sed -n 's/^ *Depends: \\(linux-image-[0-9].*cloud-amd64\\)$/\\1/p' | head -1")).strip();
            if (pkg.isEmpty()) throw new IOException("cannot find the package behind linux-image-cloud-amd64 (apt-get update?)");
            run(debs, List.of("apt-get", "download", pkg));
            deb = newestDeb(debs);
        }
        Path deb0 = deb.orElseThrow(() -> new IOException("apt-get download left no linux-image .deb"));
        Path root = CACHE.resolve("kernel").resolve(deb0.getFileName().toString().replace(".deb", ""));
        if (!Files.isDirectory(root.resolve("boot"))) {
            Path tmp = Files.createTempDirectory(Files.createDirectories(root.getParent()), "unpack");
            run(tmp, List.of("dpkg-deb", "-x", deb0.toString(), tmp.toString()));
            Files.move(tmp, root, StandardCopyOption.ATOMIC_MOVE);
        }
        return root;
    }

    private static Optional<Path> newestDeb(Path dir) {
        if (!Files.isDirectory(dir)) return Optional.empty();
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().matches("linux-image-[0-9].*-cloud-amd64_.*\\.deb"))
                    .max(Comparator.comparing(p -> p.getFileName().toString()));
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    static String resource(String name) throws IOException {
        try (var in = TestGuestImages.class.getResourceAsStream("/runtime/" + name)) {
            if (in == null) throw new IOException("missing test resource runtime/" + name);
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    static String run(Path dir, List<String> cmd) throws Exception {
        Path out = Files.createTempFile("vch-it", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(cmd)).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).start();
            if (!p.waitFor(300, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IOException(cmd + " failed: " + Files.readString(out));
            }
            return Files.readString(out);
        } finally {
            Files.deleteIfExists(out);
        }
    }

    private static String hash(String s) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)), 0, 6);
    }
}
