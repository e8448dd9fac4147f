package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Starts VMs for real. Picks the runtime per VM by what it boots: an ISO with
 * {@code /host-process.properties} runs as a host process, everything else under qemu
 * (see docs/design/guestinfo-channel.md and docs/design/vm-runtime.md).
 */
public interface VmRuntimes extends AutoCloseable {

    /**
     * Starts the VM and returns once its process runs.
     *
     * @throws IOException when the process cannot be started
     * @throws VmRuntimeException for a config the runtime cannot run (kind INVALID / NOT_IMPLEMENTED)
     */
    RunningVm powerOn(VmLaunch launch) throws IOException;

    /**
     * After a simulator restart: the VM if process {@code pid} is still this VM's qemu/host
     * process (its command line names {@code launch.vmId()}), with its guestinfo channel served
     * again; empty otherwise.
     */
    Optional<RunningVm> reattach(VmLaunch launch, long pid);

    /** Stops serving channels and switches; running VM processes are left running (they survive a restart). */
    @Override
    void close();

    /** The runtimes with caches (extracted ISOs, kernels) and switch sockets under {@code stateDir}. */
    static VmRuntimes create(Path stateDir) {
        return new DefaultVmRuntimes(stateDir);
    }
}
