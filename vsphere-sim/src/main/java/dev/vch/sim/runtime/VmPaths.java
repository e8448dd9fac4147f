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
        if (work.resolve("guestinfo.sock").toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH) {
            sockets = Path.of(System.getProperty("java.io.tmpdir"), "vch-sim-" + shortHash(work.toString()));
        }
        return new VmPaths(work, sockets);
    }

    Path qmpSocket() {
        return socketDir.resolve("qmp.sock");
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
