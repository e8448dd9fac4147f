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
}
