package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Chooses the runtime per VM by what its CD-ROM ISO boots. */
final class DefaultVmRuntimes implements VmRuntimes {

    private static final Logger LOG = LoggerFactory.getLogger(DefaultVmRuntimes.class);

    private final IsoCache isos;
    private final Switches switches;
    private final QemuRuntime qemu;
    private final HostProcessRuntime hostProcess = new HostProcessRuntime();
    private final Set<Detachable> live = ConcurrentHashMap.newKeySet();

    DefaultVmRuntimes(Path stateDir) {
        Path dir = stateDir.toAbsolutePath().normalize();
        this.isos = new IsoCache(dir.resolve("iso-cache"));
        this.switches = new Switches(dir);
        this.qemu = new QemuRuntime(dir, switches);
    }

    @Override
    public RunningVm powerOn(VmLaunch launch) throws IOException {
        IsoCache.IsoBoot boot = launch.cdromIso() == null ? null : isos.inspect(launch.cdromIso());
        RunningVm vm = boot instanceof IsoCache.HostProcess hp ? hostProcess.powerOn(launch, hp) : qemu.powerOn(launch, boot);
        return track(vm);
    }

    private RunningVm track(RunningVm vm) {
        Detachable d = (Detachable) vm;
        live.add(d);
        vm.exited().whenComplete((c, t) -> live.remove(d));
        return vm;
    }

    @Override
    public Optional<RunningVm> reattach(VmLaunch launch, long pid) {
        try {
            Optional<RunningVm> vm = qemu.reattach(launch, pid);
            if (vm.isEmpty()) vm = hostProcess.reattach(launch, pid);
            vm.ifPresent(this::track);
            return vm;
        } catch (IOException | RuntimeException e) {
            LOG.warn("cannot reattach {} to pid {}: {}", launch.vmId(), pid, e.toString());
            return Optional.empty();
        }
    }

    @Override
    public void close() {
        live.forEach(Detachable::detach);
        live.clear();
        switches.close();
    }
}
