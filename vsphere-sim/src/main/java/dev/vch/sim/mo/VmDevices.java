package dev.vch.sim.mo;

import dev.vch.sim.core.Datastores;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.VimFault;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** A VM's device list: the defaults every VM has, and deviceChange (add/remove/edit, disk file create/destroy). */
final class VmDevices {
    private final Sim sim;
    private final ArrayOf devices;
    private final String vmName;
    private final String vmDir;
    /** Disks removed with fileOperation destroy: deleted by {@link #destroyRemovedDisks} once the change holds. */
    private final List<Path> toDestroy = new ArrayList<>();
    /** Disk files made by fileOperation create in this change: deleted again if the change fails. */
    private final List<Path> created = new ArrayList<>();

    VmDevices(Sim sim, ArrayOf devices, String vmName, String vmDir) {
        this.sim = sim;
        this.devices = devices;
        this.vmName = vmName;
        this.vmDir = vmDir;
    }

    static ArrayOf defaults() {
        ArrayOf d = ArrayOf.of("VirtualDevice");
        d.items().add(controller("VirtualIDEController", 200, "IDE 0", 0));
        d.items().add(controller("VirtualIDEController", 201, "IDE 1", 1));
        d.items().add(controller("VirtualPS2Controller", 300, "PS2 controller 0", 0));
        d.items().add(controller("VirtualPCIController", 100, "PCI controller 0", 0));
        d.items().add(controller("VirtualSIOController", 400, "SIO controller 0", 0));
        d.items().add(DataObject.of("VirtualMachineVideoCard", "key", 500, "deviceInfo", info("Video card ", "Video card"),
                "controllerKey", 100, "unitNumber", 0, "videoRamSizeInKB", 4096L, "numDisplays", 1, "useAutoDetect", false,
                "enable3DSupport", false));
        return d;
    }

    private static DataObject controller(String type, int key, String label, int bus) {
        return DataObject.of(type, "key", key, "deviceInfo", info(label, label), "busNumber", bus, "device", ArrayOf.of("int"));
    }

    private static DataObject info(String label, String summary) {
        return DataObject.of("Description", "label", label, "summary", summary);
    }

    List<DataObject> all() {
        List<DataObject> out = new ArrayList<>();
        for (Object o : devices.items()) out.add((DataObject) o);
        return out;
    }

    DataObject byKey(int key) {
        for (DataObject d : all()) {
            if (d.integer("key") == key) return d;
        }
        return null;
    }

    /** Applies deviceChange entries in order; temporary negative keys are mapped to real ones. */
    void apply(List<Object> changes) {
        Map<Integer, Integer> keyMap = new HashMap<>();
        for (Object o : changes) {
            if (!(o instanceof DataObject change) || !(change.get("device") instanceof DataObject)) throw VimFault.invalidArgument("deviceChange");
            String op = change.str("operation");
            DataObject dev = change.obj("device").copy();
            String fileOp = change.str("fileOperation");
            if (dev.type() == null) throw VimFault.invalidArgument("deviceChange.device");
            switch (op == null ? "" : op.trim()) {
                case "add" -> add(dev, fileOp, keyMap);
                case "remove" -> remove(dev, fileOp);
                case "edit" -> edit(dev);
                default -> throw VimFault.invalidArgument("deviceChange.operation");
            }
        }
    }

    private void add(DataObject dev, String fileOp, Map<Integer, Integer> keyMap) {
        Integer given = dev.integer("key");
        int key = given != null && given >= 0 && byKey(given) == null ? given : nextKey(dev.type());
        if (given != null) keyMap.put(given, key);
        dev.put("key", key);
        if (dev.get("controllerKey") != null) {
            int ck = dev.integer("controllerKey");
            dev.put("controllerKey", keyMap.getOrDefault(ck, ck));
        }
        Integer ck = dev.integer("controllerKey");
        DataObject controller = ck == null ? null : byKey(ck);
        if (ck != null && controller == null) throw VimFault.invalidArgument("deviceChange.device.controllerKey");
        if (dev.get("unitNumber") != null) {
            dev.put("unitNumber", dev.integer("unitNumber"));
        } else if (controller != null) {
            dev.put("unitNumber", freeUnit(ck));
        }
        if (dev.get("busNumber") != null) dev.put("busNumber", dev.integer("busNumber"));
        if (isController(dev) && dev.get("device") == null) dev.put("device", ArrayOf.of("int"));
        if (dev.get("deviceInfo") == null) dev.put("deviceInfo", info(label(dev.type(), key), label(dev.type(), key)));
        if (dev.type().equals("VirtualDisk")) disk(dev, fileOp);
        if (dev.get("macAddress") == null && dev.type().startsWith("Virtual") && dev.get("addressType") != null) {
            Random r = new Random(key ^ vmName.hashCode() ^ System.nanoTime());
            dev.put("macAddress", String.format("00:50:56:%02x:%02x:%02x", r.nextInt(64), r.nextInt(256), r.nextInt(256)));
        }
        if (dev.get("connectable") instanceof DataObject c && c.get("connected") == null) c.put("connected", false);
        devices.items().add(dev);
        if (controller != null) ((ArrayOf) controller.get("device")).items().add(key);
    }

    private static boolean isController(DataObject dev) {
        return dev.type().endsWith("Controller");
    }

    private int freeUnit(int controllerKey) {
        for (int u = 0; u < 16; u++) {
            String ct = byKey(controllerKey).type();
            if (u == 7 && (ct.contains("SCSI") || ct.contains("Logic"))) continue;
            boolean used = false;
            for (DataObject d : all()) {
                if (d.get("controllerKey") != null && d.integer("controllerKey") == controllerKey && d.get("unitNumber") != null
                        && d.integer("unitNumber") == u) used = true;
            }
            if (!used) return u;
        }
        throw VimFault.invalidArgument("no free unit on controller " + controllerKey);
    }

    private int nextKey(String type) {
        int base = type.endsWith("Controller") ? 1000 : type.equals("VirtualDisk") ? 2000 : type.equals("VirtualCdrom") ? 3000
                : type.contains("Serial") ? 9000 : type.startsWith("VirtualE1000") || type.startsWith("VirtualVmxnet") || type.startsWith("VirtualPCNet") ? 4000 : 10000;
        int k = base;
        while (byKey(k) != null) k++;
        return k;
    }

    private static String label(String type, int key) {
        return type.replace("Virtual", "") + " " + key;
    }

    private void disk(DataObject dev, String fileOp) {
        DataObject backing = dev.obj("backing");
        if (backing == null) throw VimFault.invalidArgument("deviceChange.device.backing");
        String fileName = backing.str("fileName");
        if (fileName == null || fileName.isBlank()) throw VimFault.invalidArgument("deviceChange.device.backing.fileName");
        if ("create".equals(fileOp)) {
            var p = Datastores.parse(fileName);
            if (p.path().isEmpty() || p.path().endsWith("/")) {
                String dir = p.path().isEmpty() ? vmDir : p.path();
                String base = dir + (dir.endsWith("/") ? "" : "/") + vmName;
                String candidate = "[" + p.datastore() + "] " + base + ".vmdk";
                for (int i = 1; diskInUse(candidate) || java.nio.file.Files.exists(sim.datastores().resolve(candidate)); i++) {
                    candidate = "[" + p.datastore() + "] " + base + "_" + i + ".vmdk";
                }
                fileName = candidate;
                backing.put("fileName", fileName);
            }
            Path parent = null;
            if (backing.obj("parent") != null && backing.obj("parent").str("fileName") != null) {
                parent = sim.datastores().resolve(backing.obj("parent").str("fileName"));
            }
            Long kb = dev.longValue("capacityInKB");
            Disks.create(sim.datastores().resolve(fileName), kb == null ? 0 : kb, parent);
            created.add(sim.datastores().resolve(fileName));
        } else if (!java.nio.file.Files.exists(sim.datastores().resolve(fileName))) {
            throw VimFault.fileNotFound(fileName);
        }
        Long kb = dev.longValue("capacityInKB");
        if (kb != null) dev.put("capacityInKB", kb);
        var ds = sim.datastores().datastore(Datastores.parse(fileName).datastore());
        if (ds != null) backing.put("datastore", ds.ref());
    }

    private boolean diskInUse(String fileName) {
        for (DataObject d : all()) {
            if ("VirtualDisk".equals(d.type()) && d.obj("backing") != null && fileName.equals(d.obj("backing").str("fileName"))) return true;
        }
        return false;
    }

    private void remove(DataObject dev, String fileOp) {
        Integer key = dev.integer("key");
        DataObject existing = key == null ? null : byKey(key);
        if (existing == null) throw VimFault.invalidArgument("deviceChange.device.key");
        devices.items().remove(existing);
        for (DataObject d : all()) {
            if (d.get("device") instanceof ArrayOf a) a.items().removeIf(k -> ((Number) k).intValue() == key);
        }
        if ("destroy".equals(fileOp) && "VirtualDisk".equals(existing.type())) {
            toDestroy.add(sim.datastores().resolve(existing.obj("backing").str("fileName")));
        }
    }

    /** The change failed: deletes the disk files it created. */
    void deleteCreatedDisks() {
        for (Path p : created) {
            try {
                Disks.delete(p);
            } catch (RuntimeException e) {
                // the change's own fault is what the caller reports; a leftover file is only logged
                org.slf4j.LoggerFactory.getLogger(VmDevices.class).warn("could not delete {} after a failed reconfigure: {}", p, e.toString());
            }
        }
        created.clear();
    }

    /** Deletes the files of disks removed with fileOperation destroy (after a running VM let them go). */
    void destroyRemovedDisks() {
        for (Path p : toDestroy) Disks.delete(p);
        toDestroy.clear();
    }

    private void edit(DataObject dev) {
        Integer key = dev.integer("key");
        DataObject existing = key == null ? null : byKey(key);
        if (existing == null) throw VimFault.invalidArgument("deviceChange.device.key");
        for (var f : dev.fields().entrySet()) {
            if (!f.getKey().equals("key")) existing.put(f.getKey(), f.getValue());
        }
    }
}
