package dev.vch.tether.guest;

import dev.vch.tether.guest.sys.Sys;
import java.io.File;

/** The pseudo filesystems PID 1 mounts itself (there is no init system before it). */
final class EarlyMounts {

    private EarlyMounts() {
    }

    static void mountAll() {
        mount("proc", "/proc", "proc", Sys.MS_NOSUID | Sys.MS_NODEV | Sys.MS_NOEXEC, null);
        mount("sysfs", "/sys", "sysfs", Sys.MS_NOSUID | Sys.MS_NODEV | Sys.MS_NOEXEC, null);
        mount("devtmpfs", "/dev", "devtmpfs", Sys.MS_NOSUID, "mode=0755");
        mount("devpts", "/dev/pts", "devpts", Sys.MS_NOSUID | Sys.MS_NOEXEC, "gid=5,mode=620,ptmxmode=666");
        mount("tmpfs", "/dev/shm", "tmpfs", Sys.MS_NOSUID | Sys.MS_NODEV, "mode=1777");
    }

    private static void mount(String src, String target, String type, long flags, String data) {
        new File(target).mkdirs();
        Sys.mount(src, target, type, flags, data);
    }
}
