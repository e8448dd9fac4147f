package dev.vch.iso;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The declarative component list of one ISO (src/main/iso/*.yml); see docs/design/bootstrap-iso.md. */
public record IsoSpec(String iso, String volumeId, Kernel kernel, List<String> dirs, List<Device> devices,
        List<Package> packages, List<Symlink> symlinks, Jre jre, App app, java.util.Map<String, String> initEnv, String init,
        List<String> initArgs, String initScript, Cdrom cdrom, Isolinux isolinux) {

    /**
     * The kernel; {@code initModules} are loaded by the init script (into the initramfs), {@code modules} by the
     * tether (they may live on the CD-ROM).
     */
    public record Kernel(String package_, String cmdline, List<String> initModules, List<String> modules) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Kernel(@com.fasterxml.jackson.annotation.JsonProperty("package") String package_,
                @com.fasterxml.jackson.annotation.JsonProperty("cmdline") String cmdline,
                @com.fasterxml.jackson.annotation.JsonProperty("initModules") List<String> initModules,
                @com.fasterxml.jackson.annotation.JsonProperty("modules") List<String> modules) {
            this.package_ = package_;
            this.cmdline = cmdline;
            this.initModules = initModules == null ? List.of() : initModules;
            this.modules = modules == null ? List.of() : modules;
        }
    }

    /**
     * A staged directory ({@code path}, as in the initramfs) that goes onto the ISO at {@code isoPath} instead;
     * with {@code compress}, its files are zisofs-compressed (transparent to Linux's isofs) except {@code plain}
     * (relative to {@code path}).
     */
    public record Cdrom(String path, String isoPath, boolean compress, List<String> plain) {
        public Cdrom {
            plain = plain == null ? List.of() : plain;
        }
    }

    public record Device(String path, int major, int minor, String mode) {
    }

    public record Package(String name, List<FileCopy> files) {
    }

    public record FileCopy(String from, String to) {
    }

    public record Symlink(String path, String target) {
    }

    /** {@code strip}: files of the runtime (relative to its path) whose symbol tables are removed. */
    public record Jre(String path, List<String> modules, List<String> options, List<String> strip) {
        public Jre {
            options = options == null ? List.of() : options;
            strip = strip == null ? List.of() : strip;
        }
    }

    public record App(String libDir, List<String> classpath, String mainClass, String argFile, List<String> jvmOptions, Aot aot) {
    }

    public record Aot(String cache, List<String> trainingArgs) {
    }

    public record Isolinux(String package_, String ldlinuxPackage) {
        @com.fasterxml.jackson.annotation.JsonCreator
        public Isolinux(@com.fasterxml.jackson.annotation.JsonProperty("package") String package_,
                @com.fasterxml.jackson.annotation.JsonProperty("ldlinuxPackage") String ldlinuxPackage) {
            this.package_ = package_;
            this.ldlinuxPackage = ldlinuxPackage;
        }
    }

    public IsoSpec {
        dirs = dirs == null ? List.of() : dirs;
        devices = devices == null ? List.of() : devices;
        packages = packages == null ? List.of() : packages;
        symlinks = symlinks == null ? List.of() : symlinks;
        initArgs = initArgs == null ? List.of() : initArgs;
        initEnv = initEnv == null ? java.util.Map.of() : new java.util.TreeMap<>(initEnv);
        if (iso == null || kernel == null || init == null) {
            throw new IllegalArgumentException("an ISO spec needs iso, kernel and init");
        }
    }

    public static IsoSpec load(Path file) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory()).enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
        return yaml.readValue(file.toFile(), IsoSpec.class);
    }
}
