package dev.vch.iso;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The JRE and application part of an initramfs: a jlink'd runtime from the build JDK, the jars,
 * the java argument file, and an AOT cache made by that same runtime in a chroot of the
 * initramfs (so the cache's recorded paths, jar sizes and mtimes are the guest's).
 */
final class JreImage {

    private final IsoSpec spec;
    private final Path root;
    private final Path jarDir;

    JreImage(IsoSpec spec, Path root, Path jarDir) {
        this.spec = spec;
        this.root = root;
        this.jarDir = jarDir;
    }

    void build(long mtime) throws IOException {
        Path jre = root.resolve(spec.jre().path());
        Files.createDirectories(jre.getParent());
        String jlink = Path.of(System.getProperty("java.home"), "bin", "jlink").toString();
        List<String> cmd = new ArrayList<>(List.of(jlink, "--add-modules", String.join(",", spec.jre().modules()), "--strip-debug",
                "--no-header-files", "--no-man-pages"));
        cmd.addAll(spec.jre().options());
        cmd.addAll(List.of("--output", jre.toString()));
        Exec.run(cmd);
        // jlink's --strip-native-debug-symbols keeps the symbol table (5 MB of libjvm.so); the JVM needs only .dynsym
        for (String f : spec.jre().strip()) Exec.run(List.of("strip", "--strip-unneeded", jre.resolve(f).toString()));
        IsoSpec.App app = spec.app();
        if (app == null) return;
        Path lib = Files.createDirectories(root.resolve(app.libDir()));
        if (app.classpath().isEmpty()) throw new IllegalArgumentException("app.classpath is empty");
        for (String jar : app.classpath()) {
            Files.copy(jarDir.resolve(jar), lib.resolve(jar), StandardCopyOption.REPLACE_EXISTING);
        }
        // the AOT cache checks jar mtimes: fix them before training, and the cpio keeps the same time
        IsoBuild.touchAll(root, mtime);
        String java = "/" + spec.jre().path() + "/bin/java";
        List<String> base = new ArrayList<>(app.jvmOptions());
        String cp = String.join(":", app.classpath().stream().map(j -> "/" + app.libDir() + "/" + j).toList());
        List<String> argFile = new ArrayList<>(base);
        if (app.aot() != null) {
            String conf = "/tmp/app.aotconf";
            String cache = "/" + app.aot().cache();
            List<String> record = chroot(java, base, "-XX:AOTMode=record", "-XX:AOTConfiguration=" + conf);
            record.addAll(List.of("-cp", cp, app.mainClass()));
            record.addAll(app.aot().trainingArgs());
            Exec.run(null, spec.initEnv(), record);
            List<String> create = chroot(java, base, "-XX:AOTMode=create", "-XX:AOTConfiguration=" + conf, "-XX:AOTCache=" + cache);
            create.addAll(List.of("-cp", cp, app.mainClass()));
            Exec.run(null, spec.initEnv(), create);
            Files.deleteIfExists(root.resolve(conf.substring(1)));
            argFile.add("-XX:AOTCache=" + cache);
        }
        argFile.addAll(List.of("-cp", cp, app.mainClass()));
        Files.write(root.resolve(app.argFile()), argFile);
        IsoBuild.touchAll(root, mtime);
    }

    private List<String> chroot(String java, List<String> base, String... extra) {
        List<String> cmd = new ArrayList<>(List.of("chroot", root.toString(), java));
        cmd.addAll(base);
        cmd.addAll(List.of(extra));
        return cmd;
    }
}
