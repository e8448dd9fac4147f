package dev.vch.iso;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Builds one ISO from its YAML spec: usage {@code IsoBuild <spec.yml> <outDir> <cacheDir> <jarDir>}.
 * Skips the build when the input hash matches the last one. Steps and layout:
 * docs/design/bootstrap-iso.md.
 */
public final class IsoBuild {

    /** Bump when the build's own logic changes what it produces. */
    static final String BUILDER_VERSION = "2";

    private final IsoSpec spec;
    private final Path specFile;
    private final Path outDir;
    private final Path jarDir;
    private final Debs debs;
    private final long mtime;

    IsoBuild(Path specFile, Path outDir, Path cache, Path jarDir) throws IOException {
        this.specFile = specFile;
        this.spec = IsoSpec.load(specFile);
        this.outDir = outDir;
        this.jarDir = jarDir;
        this.debs = new Debs(cache);
        String epoch = System.getenv("SOURCE_DATE_EPOCH");
        this.mtime = epoch != null && epoch.matches("\\d+") ? Long.parseLong(epoch) : 1_700_000_000L;
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: IsoBuild <spec.yml> <outDir> <cacheDir> <jarDir>");
            System.exit(2);
        }
        Path iso = new IsoBuild(Path.of(args[0]), Path.of(args[1]), Path.of(args[2]), Path.of(args[3])).build();
        System.out.println("[iso] " + iso + " (" + Files.size(iso) / (1024 * 1024) + " MiB)");
    }

    Path build() throws IOException {
        Files.createDirectories(outDir);
        Path iso = outDir.resolve(spec.iso());
        Path stamp = outDir.resolve(spec.iso() + ".inputs");
        String kernelPkg = debs.resolveKernel(spec.kernel().package_());
        String hash = inputHash(kernelPkg);
        if (Files.exists(iso) && Files.exists(stamp) && Files.readString(stamp).strip().equals(hash)) {
            System.out.println("[iso] " + spec.iso() + " is up to date");
            return iso;
        }
        Path work = outDir.resolve(spec.iso() + ".work");
        deleteTree(work);
        Path root = Files.createDirectories(work.resolve("initramfs"));
        Path isoDir = Files.createDirectories(work.resolve("iso"));
        for (String d : spec.dirs()) Files.createDirectories(root.resolve(d));
        Path kernelDir = debs.extracted(kernelPkg);
        Path vmlinuz = only(kernelDir.resolve("boot"), "vmlinuz-*");
        modules(kernelDir, root);
        packages(root);
        for (IsoSpec.Symlink s : spec.symlinks()) {
            Files.createDirectories(root.resolve(s.path()).getParent());
            Files.createSymbolicLink(root.resolve(s.path()), Path.of(s.target()));
        }
        if (spec.initScript() != null) initScript(root);
        if (spec.jre() != null) new JreImage(spec, root, jarDir).build(mtime);
        if (spec.cdrom() != null) {
            // read from the CD-ROM by the guest instead of unpacked into RAM: less to unpack, less guest memory
            Path from = root.resolve(spec.cdrom().path());
            Files.move(from, Files.createDirectories(isoDir.resolve(spec.cdrom().isoPath()).getParent()).resolve(
                    Path.of(spec.cdrom().isoPath()).getFileName()));
            Files.createDirectories(from);
        }
        Path initrd = Files.createDirectories(isoDir.resolve("boot")).resolve("initrd.img");
        Path cpio = work.resolve("initrd.cpio");
        try (Cpio c = new Cpio(cpio, mtime)) {
            c.addTree(root);
            for (IsoSpec.Device d : spec.devices()) c.device(d.path(), d.major(), d.minor(), Integer.parseInt(d.mode(), 8));
        }
        // lz4 legacy format: what the kernel's initramfs unpacker reads; as fast as no compression under TCG
        Exec.run(List.of("lz4", "-l", "-9", "-q", "-f", cpio.toString(), initrd.toString()));
        Files.copy(vmlinuz, isoDir.resolve("boot/vmlinuz"), StandardCopyOption.REPLACE_EXISTING);
        isolinux(isoDir);
        Path tmp = outDir.resolve(spec.iso() + ".tmp");
        List<String> xorriso = new ArrayList<>(List.of("xorriso", "-as", "mkisofs", "-quiet",
                "-o", tmp.toString(), "-V", spec.volumeId(), "-J", "-R",
                "-b", "isolinux/isolinux.bin", "-c", "isolinux/boot.cat", "-no-emul-boot", "-boot-load-size", "4", "-boot-info-table",
                isoDir.toString(), "--"));
        xorriso.addAll(zisofs());
        Exec.run(null, Map.of("SOURCE_DATE_EPOCH", Long.toString(mtime)), xorriso);
        Files.move(tmp, iso, StandardCopyOption.REPLACE_EXISTING);
        Files.writeString(stamp, hash + "\n");
        deleteTree(work);
        return iso;
    }

    /**
     * xorriso commands that zisofs-compress the CD-ROM directory except its plain files: the guest
     * decompresses what it reads (under TCG that costs more than reading plain bytes: the files the
     * JVM maps at boot stay plain), the rest only takes less room on the ISO.
     */
    private List<String> zisofs() {
        IsoSpec.Cdrom cd = spec.cdrom();
        if (cd == null || !cd.compress()) return List.of();
        String dir = "/" + cd.isoPath();
        List<String> cmds = new ArrayList<>(List.of("-zisofs", "level=9:block_size=128k", "-set_filter_r", "--zisofs", dir, "--"));
        if (!cd.plain().isEmpty()) {
            cmds.addAll(List.of("-set_filter", "--remove-all-filters"));
            for (String f : cd.plain()) cmds.add(dir + "/" + f);
            cmds.add("--");
        }
        return cmds;
    }

    private String inputHash(String kernelPkg) throws IOException {
        InputHash h = new InputHash().add("builder", BUILDER_VERSION).addFile(specFile)
                .add("jdk", System.getProperty("java.home") + " " + Runtime.version())
                .add(kernelPkg, debs.version(kernelPkg));
        for (IsoSpec.Package p : spec.packages()) h.add(p.name(), debs.version(p.name()));
        if (spec.isolinux() != null) {
            h.add("isolinux", debs.version(spec.isolinux().package_())).add("ldlinux", debs.version(spec.isolinux().ldlinuxPackage()));
        }
        if (spec.initScript() != null) h.addFile(specFile.resolveSibling(spec.initScript()));
        if (spec.app() != null) {
            for (String jar : spec.app().classpath()) h.addFile(jarDir.resolve(jar));
        }
        return h.hex();
    }

    /**
     * The init script's modules (with dependencies) into /modules of the initramfs, the tether's into
     * /.tether/modules, each directory with its modules.load in load order. A module the init script
     * loads is not loaded again by the tether.
     */
    private void modules(Path kernelDir, Path root) throws IOException {
        Path modulesRoot = only(kernelDir.resolve("lib/modules"), "*");
        List<Path> early = ModuleOrder.resolve(modulesRoot, spec.kernel().initModules());
        copyModules(early, root.resolve("modules"));
        List<Path> late = new ArrayList<>(ModuleOrder.resolve(modulesRoot, spec.kernel().modules()));
        late.removeAll(early);
        copyModules(late, root.resolve(".tether/modules"));
    }

    private static void copyModules(List<Path> modules, Path target) throws IOException {
        if (modules.isEmpty()) return;
        Files.createDirectories(target);
        List<String> order = new ArrayList<>();
        for (Path ko : modules) {
            Files.copy(ko, target.resolve(ko.getFileName()));
            order.add(ko.getFileName().toString());
        }
        Files.write(target.resolveSibling(target.getFileName() + ".load"), order);
    }

    private void initScript(Path root) throws IOException {
        Path to = root.resolve(spec.init().substring(1));
        Files.createDirectories(to.getParent());
        Files.copy(specFile.resolveSibling(spec.initScript()), to, StandardCopyOption.REPLACE_EXISTING);
        Files.setPosixFilePermissions(to, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    private void packages(Path root) throws IOException {
        for (IsoSpec.Package p : spec.packages()) {
            Path dir = debs.extracted(p.name());
            for (IsoSpec.FileCopy f : p.files()) {
                Path to = root.resolve(f.to());
                Files.createDirectories(to.getParent());
                Files.copy(dir.resolve(f.from()), to, StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private void isolinux(Path isoDir) throws IOException {
        List<String> args = new ArrayList<>();
        args.add(spec.kernel().cmdline().strip());
        spec.initEnv().forEach((k, v) -> args.add(k + "=" + v));
        args.add("rdinit=" + spec.init());
        if (!spec.initArgs().isEmpty()) {
            args.add("--");
            args.addAll(spec.initArgs());
        }
        String cfg = "DEFAULT vch\nPROMPT 0\nTIMEOUT 0\nLABEL vch\n  KERNEL /boot/vmlinuz\n  INITRD /boot/initrd.img\n  APPEND "
                + String.join(" ", args) + "\n";
        Path dir = Files.createDirectories(isoDir.resolve("isolinux"));
        Files.writeString(dir.resolve("isolinux.cfg"), cfg);
        if (spec.isolinux() != null) {
            Files.copy(debs.extracted(spec.isolinux().package_()).resolve("usr/lib/ISOLINUX/isolinux.bin"), dir.resolve("isolinux.bin"));
            Files.copy(debs.extracted(spec.isolinux().ldlinuxPackage()).resolve("usr/lib/syslinux/modules/bios/ldlinux.c32"),
                    dir.resolve("ldlinux.c32"));
        }
    }

    static Path only(Path dir, String glob) throws IOException {
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, glob)) {
            List<Path> all = new ArrayList<>();
            ds.forEach(all::add);
            if (all.size() != 1) throw new IOException("expected exactly one " + glob + " in " + dir + ", found " + all);
            return all.getFirst();
        }
    }

    static void touchAll(Path root, long epochSeconds) throws IOException {
        FileTime t = FileTime.fromMillis(epochSeconds * 1000);
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.toList()) {
                if (!Files.isSymbolicLink(p)) Files.setLastModifiedTime(p, t);
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) return;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }
}
