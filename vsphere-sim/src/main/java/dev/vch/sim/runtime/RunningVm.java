package dev.vch.sim.runtime;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** A VM whose process (qemu or host process) is running. All methods are thread-safe. */
public interface RunningVm {

    /** The pid of the qemu or host process; the simulator persists it for {@link VmRuntimes#reattach}. */
    long pid();

    /** The guest's IP address when known (host-process VMs: their loopback address). */
    Optional<String> ipAddress();

    /** Hard power-off: qemu {@code quit}; host process SIGTERM, SIGKILL after 10 s. Returns when the process is gone. */
    void powerOff();

    /** Hard reset (qemu {@code system_reset}); host-process VMs are restarted. */
    void reset();

    /** Asks the guest to shut down (ACPI power button / SIGTERM); returns at once. */
    void shutdownGuest();

    /** Completes with the exit code when the process exits, whatever the cause. */
    CompletableFuture<Integer> exited();

    /**
     * Makes the running VM's devices those of {@code after} (a ReconfigVM_Task of a powered-on VM):
     * disks and serial ports hot-added or removed, another medium in the CD-ROM. This default is
     * for runtimes without hot-plug (host processes, which read their ISO at power-on only): a new
     * CD-ROM medium is taken for the next power-on, any disk or serial port change is refused.
     *
     * @throws VmRuntimeException NOT_IMPLEMENTED for a change this runtime cannot make live,
     *     UNAVAILABLE when the VM refused it; the VM is then as it was
     */
    default void reconfigure(VmLaunch before, VmLaunch after) {
        if (!before.disks().equals(after.disks()) || !before.serials().equals(after.serials())) {
            throw new VmRuntimeException(VmRuntimeException.Kind.NOT_IMPLEMENTED,
                    "disks and serial ports of a running " + before.name() + " cannot be changed by its runtime; power it off first");
        }
    }
}
