package dev.vch.appliance;

import java.nio.file.Path;
import java.util.Map;

/**
 * What the VM runtime tells the appliance (docs/design/guestinfo-channel.md, section 5).
 *
 * @param guestInfoAddress {@code host:port} of the live guestinfo channel, or null
 * @param guestInfoFile    the boot-time guestinfo file, or null
 * @param vmIp             the address to bind every server to
 * @param vmDir            the appliance's writable directory (its "disk": logs, image cache)
 * @param vmId             the simulator's id of this VM (its managed object id), or null
 */
public record ApplianceEnv(String guestInfoAddress, Path guestInfoFile, String vmIp, Path vmDir, String vmId) {

    public static ApplianceEnv from(Map<String, String> env) {
        String file = env.get("VSPHERE_GUESTINFO_FILE");
        String dir = env.get("VSPHERE_VM_DIR");
        return new ApplianceEnv(blankToNull(env.get("VSPHERE_GUESTINFO")), file == null || file.isBlank() ? null : Path.of(file),
                env.getOrDefault("VSPHERE_VM_IP", "127.0.0.1"),
                dir == null || dir.isBlank() ? Path.of(System.getProperty("java.io.tmpdir"), "vch-appliance") : Path.of(dir),
                blankToNull(env.get("VSPHERE_VM_ID")));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
