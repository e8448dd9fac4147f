package dev.vch.tether.guest;

import dev.vch.tether.config.MountSpec;
import dev.vch.tether.guest.sys.Sys;
import java.io.File;
import java.nio.file.Path;
import java.util.Map;

/**
 * Makes the container disk the root of the VM, the way switch_root does (an initramfs cannot be
 * pivot_root'ed): mount it, bind the tether's directory into it at {@code /.tether} (so the JVM's
 * paths stay valid), move /proc, /sys and /dev over, move the new root onto {@code /} and chroot.
 * Everything the tether starts afterwards sees only the container's filesystem.
 */
final class RootSwitch {

    private RootSwitch() {
    }

    static void mountContainer(Path device) {
        new File(GuestPaths.NEW_ROOT).mkdirs();
        Sys.mount(device.toString(), GuestPaths.NEW_ROOT, "ext4", 0, null);
    }

    /** Mounts each volume (found by its filesystem label) at its path inside the new root. */
    static void mountVolumes(Map<String, MountSpec> mounts, DiskFinder disks) {
        for (Map.Entry<String, MountSpec> e : mounts.entrySet()) {
            MountSpec m = e.getValue();
            Path device = disks.await(m.label(), 3000);
            File target = new File(GuestPaths.NEW_ROOT + normalise(m.path()));
            target.mkdirs();
            String data = m.options().isEmpty() ? null : String.join(",", m.options());
            Sys.mount(device.toString(), target.getPath(), "ext4", m.readOnly() ? Sys.MS_RDONLY : 0, data);
            Console.debug("volume " + e.getKey() + " (" + device + ") on " + m.path());
        }
    }

    static void switchRoot() {
        String root = GuestPaths.NEW_ROOT;
        new File(root + GuestPaths.TETHER).mkdirs();
        Sys.mount(GuestPaths.TETHER, root + GuestPaths.TETHER, null, Sys.MS_BIND | Sys.MS_REC, null);
        for (String fs : new String[] {"/dev", "/proc", "/sys"}) {
            new File(root + fs).mkdirs();
            Sys.mount(fs, root + fs, null, Sys.MS_MOVE, null);
        }
        Sys.chdir(root);
        Sys.mount(".", "/", null, Sys.MS_MOVE, null);
        Sys.chroot(".");
        Sys.chdir("/");
    }

    static String normalise(String path) {
        String p = Path.of("/" + path).normalize().toString();
        return p.equals("/") ? "" : p;
    }
}
