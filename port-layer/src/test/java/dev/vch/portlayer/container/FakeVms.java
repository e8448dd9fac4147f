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
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiConsumer;

/** An in-memory VM backend; power-on runs {@code onPowerOn} (the fake guest boots). */
final class FakeVms implements VmBackend {
    final Map<String, Vm> vms = new ConcurrentHashMap<>();
    final List<ContainerVmSpec> created = new ArrayList<>();
    private final AtomicInteger next = new AtomicInteger(1);
    volatile BiConsumer<String, Map<String, String>> onPowerOn = (h, ec) -> { };
    volatile Runnable onPowerOff = () -> { };

    static final class Vm {
        final String name;
        final Map<String, String> extraConfig;
        volatile boolean on;

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
        vm.on = true;
        onPowerOn.accept(handle, Map.copyOf(vm.extraConfig));
    }

    @Override
    public void powerOff(String handle) {
        vm(handle).on = false;
        onPowerOff.run();
    }

    @Override
    public void destroy(String handle) {
        if (vm(handle).on) {
            throw PortLayerException.conflict("powered on");
        }
        vms.remove(handle);
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
