package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs a VM whose ISO holds {@code /host-process.properties} as a host process. */
final class HostProcessRuntime {

    private static final Logger LOG = LoggerFactory.getLogger(HostProcessRuntime.class);
    /** Not in the contract: lets a restarted simulator recognise the process (see {@link #reattach}). */
    static final String VM_ID_ENV = "VSPHERE_VM_ID";

    private final LoopbackAddresses addresses = new LoopbackAddresses();

    RunningVm powerOn(VmLaunch launch, IsoCache.HostProcess boot) throws IOException {
        VmPaths paths = VmPaths.of(launch);
        Path vmDir = paths.workDir().resolve("process");
        Files.createDirectories(vmDir);
        Files.writeString(paths.fwCfgFile(), GuestInfoCodec.fwCfgText(launch.guestInfo().guestInfo()), StandardCharsets.UTF_8);
        Path script = boot.root().resolve(boot.exec()).normalize();
        if (!script.startsWith(boot.root()) || !Files.isRegularFile(script)) {
            throw new VmRuntimeException(VmRuntimeException.Kind.INVALID,
                    "host-process ISO " + launch.cdromIso() + ": exec=" + boot.exec() + " is not a file in the ISO");
        }
        String ip = addresses.allocate();
        GuestInfoServer server = null;
        try {
            server = GuestInfoServer.tcp(launch.vmId(), 0, launch.guestInfo());
            Files.writeString(paths.log(), "--- power on " + java.time.Instant.now() + "\n",
                    StandardCharsets.UTF_8, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
            ProcessBuilder pb = new ProcessBuilder(ProcInfo.detached(List.of("sh", script.toString())))
                    .directory(vmDir.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(paths.log().toFile()));
            Map<String, String> env = pb.environment();
            env.put("VSPHERE_GUESTINFO", "127.0.0.1:" + server.port());
            env.put("VSPHERE_GUESTINFO_FILE", paths.fwCfgFile().toString());
            env.put("VSPHERE_VM_IP", ip);
            env.put("VSPHERE_VM_DIR", vmDir.toString());
            env.put(VM_ID_ENV, launch.vmId());
            Process p = pb.start();
            LOG.info("powered on {} as host process pid {} at {}", launch.vmId(), p.pid(), ip);
            GuestInfoServer s = server;
            return new HostProcessVm(launch.vmId(), p.toHandle(), p, ip, () -> {
                s.close();
                addresses.release(ip);
            });
        } catch (IOException | RuntimeException e) {
            if (server != null) server.close();
            addresses.release(ip);
            throw e;
        }
    }

    /** The VM if {@code pid} still runs with this VM's id in its environment; guestinfo is served again on the same port. */
    Optional<RunningVm> reattach(VmLaunch launch, long pid) throws IOException {
        Optional<Map<String, String>> env = ProcInfo.environ(pid);
        Optional<ProcessHandle> handle = ProcessHandle.of(pid);
        if (env.isEmpty() || handle.isEmpty() || !launch.vmId().equals(env.get().get(VM_ID_ENV))) {
            return Optional.empty();
        }
        String ip = env.get().getOrDefault("VSPHERE_VM_IP", "");
        if (!addresses.reserve(ip)) {
            LOG.warn("reattached {} claims {}, which another VM holds", launch.vmId(), ip);
        }
        String gi = env.get().getOrDefault("VSPHERE_GUESTINFO", "127.0.0.1:0");
        int port = Integer.parseInt(gi.substring(gi.lastIndexOf(':') + 1));
        GuestInfoServer server;
        try {
            server = GuestInfoServer.tcp(launch.vmId(), port, launch.guestInfo());
        } catch (IOException e) {
            addresses.release(ip);
            throw e;
        }
        LOG.info("reattached {} to its host process, pid {}", launch.vmId(), pid);
        return Optional.of(new HostProcessVm(launch.vmId(), handle.get(), null, ip, () -> {
            server.close();
            addresses.release(ip);
        }));
    }
}
