package dev.vch.tether.guest;

import dev.vch.tether.guest.sys.Sys;
import dev.vch.tether.guest.sys.SysException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Loads the kernel modules listed (in dependency order, computed when the ISO was built) in
 * {@code /.tether/modules.load}, with finit_module. A module that fails to load is reported and
 * skipped: the device it drives is then missing, which the step that needs it reports clearly.
 */
final class KernelModules {

    private KernelModules() {
    }

    static void loadAll() {
        Path list = Path.of(GuestPaths.MODULE_LIST);
        if (!Files.exists(list)) return;
        List<String> modules;
        try {
            modules = Files.readAllLines(list);
        } catch (IOException e) {
            Console.info("cannot read " + list + ": " + e.getMessage());
            return;
        }
        for (String m : modules) {
            m = m.strip();
            if (m.isEmpty() || m.startsWith("#")) continue;
            load(m.startsWith("/") ? m : GuestPaths.TETHER + "/modules/" + m);
        }
    }

    static void load(String path) {
        int fd = -1;
        try {
            fd = Sys.open(path, Sys.O_RDONLY | Sys.O_CLOEXEC, 0);
            Sys.finitModule(fd, "");
        } catch (SysException e) {
            Console.info("module " + path + " not loaded: " + e.getMessage());
        } finally {
            if (fd >= 0) Sys.close(fd);
        }
    }
}
