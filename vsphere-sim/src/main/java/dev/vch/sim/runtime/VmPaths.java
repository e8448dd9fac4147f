package dev.vch.sim.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Where one VM's runtime files live. Unix socket paths are limited to 107 bytes, so when the
 * VM's work directory is too deep its sockets go to a short directory under /tmp derived from the
 * work directory; either way the paths are a pure function of the launch, so a restarted
 * simulator finds the same ones.
 */
record VmPaths(Path workDir, Path socketDir) {

    private static final int MAX_SOCKET_PATH = 100;

    static VmPaths of(VmLaunch launch) {
        Path work = launch.workDir().toAbsolutePath().normalize();
        Path sockets = work;
        if (work.resolve(qmpSocketName(Long.MAX_VALUE)).toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            sockets = Path.of(System.getProperty("java.io.tmpdir"), "vch-sim-" + shortHash(work.toString()));
        }
        return new VmPaths(work, sockets);
    }

    /**
     * The QMP socket of one power-on: a new name each time, so that a QMP client of a qemu that
     * has just exited can never reach the next power-on's qemu through the same path.
     */
    Path qmpSocket(long powerOn) {
        return socketDir.resolve(qmpSocketName(powerOn));
    }

    private static String qmpSocketName(long powerOn) {
        return "qmp-" + Long.toUnsignedString(powerOn, 36) + ".sock";
    }

    /** Whether {@code p} is one of this VM's QMP sockets (a stale one once its qemu is gone). */
    boolean isQmpSocket(Path p) {
        String n = p.getFileName().toString();
        return p.getParent() != null && p.getParent().equals(socketDir) && n.startsWith("qmp") && n.endsWith(".sock");
    }

    Path guestInfoSocket() {
        return socketDir.resolve("guestinfo.sock");
    }

    Path fwCfgFile() {
        return workDir.resolve("guestinfo.fwcfg");
    }

    Path log() {
        return workDir.resolve("vmruntime.log");
    }

    private static String shortHash(String s) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
