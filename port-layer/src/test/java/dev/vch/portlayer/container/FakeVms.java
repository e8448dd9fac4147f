package dev.vch.portlayer.container;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.vm.ContainerVmSpec;
import dev.vch.portlayer.vm.VmBackend;
import dev.vch.portlayer.vm.VmRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/**
 * An in-memory VM backend; power-on runs {@code onPowerOn} (the fake guest boots). Power changes
 * are reported to watchers at once, as vSphere's property collector pushes them.
 */
final class FakeVms implements VmBackend {
    final Map<String, Vm> vms = new ConcurrentHashMap<>();
    final List<ContainerVmSpec> created = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1);
    private final List<PowerListener> watchers = new CopyOnWriteArrayList<>();
    /** How often the port layer powered a VM off itself. */
    final AtomicInteger powerOffs = new AtomicInteger();
    volatile BiConsumer<String, Map<String, String>> onPowerOn = (h, ec) -> { };
    volatile Runnable onPowerOff = () -> { };

    static final class Vm {
        final String name;
        final Map<String, String> extraConfig;
        volatile boolean on;
        /** How many times it was powered on: a guest powers off only its own run. */
        final AtomicInteger runs = new AtomicInteger();

        Vm(String name, Map<String, String> extraConfig) {
            this.name = name;
            this.extraConfig = new HashMap<>(extraConfig);
        }
    }

    @Override
    public synchronized String create(ContainerVmSpec spec) {
        created.add(spec);
        String h = "vm-" + next.getAndIncrement();
        vms.put(h, new Vm(spec.displayName(), spec.extraConfig()));
        return h;
    }

    @Override
    public void powerOn(String handle) {
        Vm vm = vm(handle);
        if (vm.on) {
            throw PortLayerException.conflict("already on");
        }
        synchronized (this) {
            vm.on = true;
            vm.runs.incrementAndGet();
        }
        report(handle, true);
        onPowerOn.accept(handle, Map.copyOf(vm.extraConfig));
    }

    @Override
    public void powerOff(String handle) {
        powerOffs.incrementAndGet();
        vm(handle).on = false;
        report(handle, false);
        onPowerOff.run();
    }

    /** The guest powered its VM off (the tether after the exit), or its process died. */
    void poweredOffByItself(String handle) {
        Vm vm = vms.get(handle);
        if (vm != null) {
            vm.on = false;
            report(handle, false);
        }
    }

    /**
     * The guest of power-on number {@code run} powered its VM off: nothing when the VM was powered
     * off meanwhile (the VCH forced it) or is in a later run, as a qemu process can only end itself.
     */
    void poweredOffByItself(String handle, int run) {
        Vm vm = vms.get(handle);
        synchronized (this) {
            if (vm == null || !vm.on || vm.runs.get() != run) {
                return;
            }
            vm.on = false;
        }
        report(handle, false);
    }

    /** The number of the VM's current run (see {@link #poweredOffByItself(String, int)}). */
    int runOf(String handle) {
        return vm(handle).runs.get();
    }

    /** A power report as the watch would deliver it, whatever the VM's state (a late one, say). */
    synchronized void report(String handle, boolean on) {
        watchers.forEach(w -> w.powerState(handle, on));
    }

    @Override
    public synchronized AutoCloseable watchPower(PowerListener listener) {
        watchers.add(listener);
        vms.forEach((h, vm) -> listener.powerState(h, vm.on));
        return () -> watchers.remove(listener);
    }

    @Override
    public void destroy(String handle) {
        if (vm(handle).on) {
            throw PortLayerException.conflict("powered on");
        }
        vms.remove(handle);
        synchronized (this) {
            watchers.forEach(w -> w.gone(handle));
        }
    }

    @Override
    public synchronized void setExtraConfig(String handle, Map<String, String> values) {
        Vm vm = vm(handle);
        synchronized (vm) {
            values.forEach((k, v) -> {
                if (v.isEmpty()) {
                    vm.extraConfig.remove(k);
                } else {
                    vm.extraConfig.put(k, v);
                }
            });
        }
    }

    @Override
    public List<VmRecord> list() {
        List<VmRecord> out = new ArrayList<>();
        vms.forEach((h, vm) -> out.add(record(h, vm)));
        return out;
    }

    @Override
    public Optional<VmRecord> get(String handle) {
        Vm vm = vms.get(handle);
        return vm == null ? Optional.empty() : Optional.of(record(handle, vm));
    }

    private static VmRecord record(String h, Vm vm) {
        synchronized (vm) {
            return new VmRecord(h, vm.name, vm.on, Map.copyOf(vm.extraConfig));
        }
    }

    private Vm vm(String handle) {
        Vm vm = vms.get(handle);
        if (vm == null) {
            throw PortLayerException.notFound("VM " + handle + " not found");
        }
        return vm;
    }
}
