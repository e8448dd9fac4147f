package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/** Chooses qemu or host process per VM. */
final class DefaultVmRuntimes implements VmRuntimes {

    private final Path stateDir;

    DefaultVmRuntimes(Path stateDir) {
        this.stateDir = stateDir;
    }

    @Override
    public RunningVm powerOn(VmLaunch launch) throws IOException {
        throw new VmRuntimeException(VmRuntimeException.Kind.NOT_IMPLEMENTED,
                "Tried to power on " + launch.vmId() + " but the VM runtimes are not implemented yet");
    }

    @Override
    public Optional<RunningVm> reattach(VmLaunch launch, long pid) {
        return Optional.empty();
    }

    @Override
    public void close() {
    }
}
