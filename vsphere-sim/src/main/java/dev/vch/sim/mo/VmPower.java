package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Sim;
import dev.vch.sim.runtime.DiskAttachment;
import dev.vch.sim.runtime.GuestInfoStore;
import dev.vch.sim.runtime.NicAttachment;
import dev.vch.sim.runtime.RunningVm;
import dev.vch.sim.runtime.SerialAttachment;
import dev.vch.sim.runtime.VmLaunch;
import dev.vch.sim.runtime.VmRuntimeException;
import dev.vch.sim.runtime.VmRuntimes;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.VimFault;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Power operations of one VM through the runtimes: the VM's devices become a {@link VmLaunch};
 * a process that exits makes the VM poweredOff with events; guest writes land in extraConfig.
 */
public final class VmPower implements GuestInfoStore {
    private static final Logger LOG = LoggerFactory.getLogger(VmPower.class);
    private final VirtualMachine vm;
    private volatile RunningVm running;

    VmPower(VirtualMachine vm) {
        this.vm = vm;
    }

    private Sim sim() {
        return vm.sim();
    }

    /**
     * After a reconfigure of a powered-on VM: its process takes the new devices (hot-plug). NICs
     * are not hot-plugged; a change qemu cannot make live is a NotSupported fault, one it refused
     * a SystemError, and the caller puts the VM's devices back as they were.
     */
    void devicesChanged(VmLaunch before) {
        RunningVm r = running;
        if (r == null) return;
        VmLaunch after = launch();
        if (!before.nics().equals(after.nics())) {
            throw VimFault.notSupported("network adapters of running " + vm.name() + " cannot be added or removed; power it off first");
        }
        try {
            r.reconfigure(before, after);
        } catch (VmRuntimeException e) {
            throw e.kind() == VmRuntimeException.Kind.NOT_IMPLEMENTED ? VimFault.notSupported(e.getMessage())
                    : e.kind() == VmRuntimeException.Kind.INVALID ? VimFault.invalidArgument(e.getMessage()) : VimFault.systemError(e.getMessage());
        }
    }

    public void powerOn(CallContext ctx) {
        if (vm.poweredOn()) throw VimFault.invalidPowerState("poweredOn", "poweredOn");
        VmRuntimes rt = sim().runtimes();
        sim().events().vmEvent("VmStartingEvent", vm, vm.name() + " on host is starting", ctx.userName());
        if (rt != null) {
            try {
                RunningVm r = rt.powerOn(launch());
                attach(r);
            } catch (VmRuntimeException e) {
                throw e.kind() == VmRuntimeException.Kind.NOT_IMPLEMENTED ? VimFault.notImplemented(e.getMessage())
                        : e.kind() == VmRuntimeException.Kind.INVALID ? VimFault.invalidState(e.getMessage()) : VimFault.systemError(e.getMessage());
            } catch (IOException e) {
                throw VimFault.systemError("cannot start " + vm.name() + ": " + e.getMessage());
            }
        }
        setState("poweredOn");
        sim().events().vmEvent("VmPoweredOnEvent", vm, vm.name() + " on host is powered on", ctx.userName());
    }

    private void attach(RunningVm r) {
        running = r;
        vm.rawProperties().put("_pid", r.pid());
        r.ipAddress().ifPresent(ip -> vm.rawProperties().put("guest", VirtualMachine.guestInfo(ip, vm.firstNetworkName())));
        r.exited().whenComplete((code, err) -> exited(r));
    }

    /** The process ended (guest power-off, crash, kill): the VM is poweredOff. */
    private void exited(RunningVm r) {
        var lock = sim().inventory().lock();
        lock.lock();
        try {
            if (running != r) return;
            running = null;
            if (!vm.poweredOn() || sim().inventory().find(vm.ref()) == null) return;
            setState("poweredOff");
            sim().events().vmEvent("VmPoweredOffEvent", vm, vm.name() + " on host is powered off", "");
            sim().afterChange();
        } finally {
            lock.unlock();
        }
    }

    public void powerOff(CallContext ctx) {
        if (!vm.poweredOn()) throw VimFault.invalidPowerState("poweredOff", vm.powerState());
        sim().events().vmEvent("VmStoppingEvent", vm, vm.name() + " is stopping", ctx.userName());
        RunningVm r = running;
        running = null;
        if (r != null) withoutLock(r::powerOff);
        setState("poweredOff");
        sim().events().vmEvent("VmPoweredOffEvent", vm, vm.name() + " on host is powered off", ctx.userName());
    }

    /**
     * Runs a blocking runtime call (a process may take seconds to stop) without the global lock,
     * so that other calls and guest writes go on meanwhile. {@code running} is already cleared,
     * so the exit callback leaves the state to the caller.
     */
    private void withoutLock(Runnable r) {
        var lock = sim().inventory().lock();
        int holds = lock.isHeldByCurrentThread() ? lock.getHoldCount() : 0;
        for (int i = 0; i < holds; i++) lock.unlock();
        try {
            r.run();
        } finally {
            for (int i = 0; i < holds; i++) lock.lock();
        }
    }

    public void reset(CallContext ctx) {
        if (!vm.poweredOn()) throw VimFault.invalidPowerState("poweredOn", vm.powerState());
        RunningVm r = running;
        if (r != null) r.reset();
        sim().events().vmEvent("VmResettingEvent", vm, vm.name() + " is reset", ctx.userName());
    }

    public void shutdownGuest(CallContext ctx, boolean reboot) {
        if (!vm.poweredOn()) throw VimFault.invalidPowerState("poweredOn", vm.powerState());
        RunningVm r = running;
        sim().events().vmEvent(reboot ? "VmGuestRebootEvent" : "VmGuestShutdownEvent", vm, "Guest OS " + (reboot ? "reboot" : "shut down") + " for " + vm.name(), ctx.userName());
        if (r == null) {
            // no process behind the VM (runtimes disabled): the guest "shuts down" at once
            if (!reboot) setState("poweredOff");
            return;
        }
        if (reboot) {
            r.reset();
        } else {
            r.shutdownGuest();
        }
    }

    private void setState(String state) {
        DataObject rt = vm.runtime();
        rt.put("powerState", new EnumValue("VirtualMachinePowerState", state));
        rt.put("bootTime", state.equals("poweredOn") ? Instant.now() : null);
        if (!state.equals("poweredOn")) {
            vm.rawProperties().remove("_pid");
            vm.rawProperties().put("guest", VirtualMachine.guestInfo(null));
        }
        vm.rawProperties().put("guestHeartbeatStatus", new EnumValue("ManagedEntityStatus", state.equals("poweredOn") ? "green" : "gray"));
        vm.touch();
    }

    /** After a restart: a VM that was poweredOn is reattached to its process or reported poweredOff. */
    void reattach() {
        if (!vm.poweredOn()) return;
        Object pid = vm.rawProperties().get("_pid");
        VmRuntimes rt = sim().runtimes();
        if (rt != null && pid instanceof Number n) {
            try {
                var r = rt.reattach(launch(), n.longValue());
                if (r.isPresent()) {
                    attach(r.get());
                    return;
                }
            } catch (RuntimeException e) {
                LOG.warn("Tried to reattach {} to pid {} but failed: {}", vm.name(), pid, e.toString());
            }
        }
        if (rt == null) return;
        setState("poweredOff");
        sim().events().vmEvent("VmPoweredOffEvent", vm, vm.name() + " was found powered off after a restart", "");
        sim().persist();
    }

    VmLaunch launch() {
        DataObject hw = vm.config().obj("hardware");
        Path iso = null;
        List<DiskAttachment> disks = new ArrayList<>();
        List<NicAttachment> nics = new ArrayList<>();
        List<SerialAttachment> serials = new ArrayList<>();
        Map<Integer, DataObject> byKey = new LinkedHashMap<>();
        for (Object o : ((ArrayOf) hw.get("device")).items()) byKey.put(((DataObject) o).integer("key"), (DataObject) o);
        int scsiBus = 0;
        Map<Integer, Integer> scsiBusOf = new LinkedHashMap<>();
        for (DataObject d : byKey.values()) {
            if (d.type().contains("SCSI") || d.type().contains("Logic")) scsiBusOf.put(d.integer("key"), d.get("busNumber") == null ? scsiBus++ : d.integer("busNumber"));
        }
        for (DataObject d : byKey.values()) {
            DataObject b = d.obj("backing");
            switch (d.type()) {
                case "VirtualCdrom" -> {
                    if (b != null && "VirtualCdromIsoBackingInfo".equals(b.type()) && iso == null && connected(d)) {
                        iso = sim().datastores().resolve(b.str("fileName"));
                    }
                }
                case "VirtualDisk" -> {
                    DataObject c = byKey.get(d.integer("controllerKey"));
                    String kind = controllerKind(c == null ? "" : c.type());
                    int bus = c == null ? 0 : scsiBusOf.getOrDefault(c.integer("key"), c.get("busNumber") == null ? 0 : c.integer("busNumber"));
                    disks.add(new DiskAttachment(sim().datastores().resolve(b.str("fileName")), kind, bus,
                            d.get("unitNumber") == null ? 0 : d.integer("unitNumber")));
                }
                default -> {
                    if (d.type().contains("Serial") && b != null && connected(d)) {
                        int index = serials.size();
                        if ("VirtualSerialPortURIBackingInfo".equals(b.type())) {
                            serials.add(new SerialAttachment(index, b.str("serviceURI"), b.str("direction") == null ? "client" : b.str("direction"), null));
                        } else if ("VirtualSerialPortFileBackingInfo".equals(b.type())) {
                            serials.add(new SerialAttachment(index, null, "client", sim().datastores().resolve(b.str("fileName"))));
                        }
                    } else if (d.get("macAddress") != null && b != null) {
                        String pg = b.str("deviceName") != null ? b.str("deviceName") : "VM Network";
                        nics.add(new NicAttachment(pg, d.str("macAddress"), adapter(d.type())));
                    }
                }
            }
        }
        Path work = sim().settings().stateDir().resolve("vms").resolve(vm.ref().value());
        return new VmLaunch(vm.ref().value(), vm.name(), work, hw.integer("numCPU"), hw.longValue("memoryMB"), iso, disks, nics, serials, this);
    }

    private static boolean connected(DataObject d) {
        DataObject c = d.obj("connectable");
        return c == null || c.bool("startConnected", true) || c.bool("connected", false);
    }

    private static String controllerKind(String type) {
        return switch (type) {
            case "ParaVirtualSCSIController" -> "pvscsi";
            case "VirtualLsiLogicController" -> "lsilogic";
            case "VirtualLsiLogicSASController" -> "lsilogic-sas";
            case "VirtualBusLogicController" -> "buslogic";
            case "VirtualIDEController" -> "ide";
            case "VirtualAHCIController" -> "ahci";
            case "VirtualNVMEController" -> "nvme";
            default -> "pvscsi";
        };
    }

    private static String adapter(String type) {
        return switch (type) {
            case "VirtualE1000" -> "e1000";
            case "VirtualE1000e" -> "e1000e";
            case "VirtualVmxnet2" -> "vmxnet2";
            case "VirtualPCNet32" -> "pcnet32";
            default -> "vmxnet3";
        };
    }

    @Override
    public Map<String, String> guestInfo() {
        var lock = sim().inventory().lock();
        lock.lock();
        try {
            Map<String, String> out = new LinkedHashMap<>();
            for (Object o : vm.extraConfig().items()) {
                DataObject d = (DataObject) o;
                if (d.str("key").startsWith("guestinfo.")) out.put(d.str("key"), d.get("value") == null ? "" : d.get("value").toString());
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void setGuestInfo(String key, String value) {
        if (!key.startsWith("guestinfo.")) throw new IllegalArgumentException("guest may only write guestinfo.* keys: " + key);
        var lock = sim().inventory().lock();
        lock.lock();
        try {
            if (sim().inventory().find(vm.ref()) == null) return;
            vm.setExtraConfig(key, value == null ? "" : value);
            sim().afterChange();
        } finally {
            lock.unlock();
        }
    }
}
