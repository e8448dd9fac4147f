package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.UUID;

/** Create/Delete/Copy/Extend real VMDKs with qemu-img. */
public final class VirtualDiskManager extends ManagedObject {
    public VirtualDiskManager(Sim sim) {
        super(sim, new MoRef("VirtualDiskManager", "virtualDiskManager"));
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "CreateVirtualDisk_Task" -> sim.runTask(this, method, "VirtualDiskManager.createVirtualDisk", ctx, () -> {
                String name = Args.requiredText(args, "name");
                DataObject spec = Args.data(args, "spec");
                Long kb = spec == null ? null : spec.longValue("capacityKb");
                if (kb == null || kb <= 0) throw VimFault.invalidArgument("spec.capacityKb");
                Disks.create(sim.datastores().resolve(name), kb, null);
                return name;
            });
            case "DeleteVirtualDisk_Task" -> sim.runTask(this, method, "VirtualDiskManager.deleteVirtualDisk", ctx, () -> {
                Disks.delete(sim.datastores().resolve(Args.requiredText(args, "name")));
                return null;
            });
            case "CopyVirtualDisk_Task" -> sim.runTask(this, method, "VirtualDiskManager.copyVirtualDisk", ctx, () -> {
                Path src = sim.datastores().resolve(Args.requiredText(args, "sourceName"));
                String destName = Args.requiredText(args, "destName");
                Path dst = sim.datastores().resolve(destName);
                if (Files.exists(dst)) {
                    if (!Args.bool(args, "force", false)) throw VimFault.fileAlreadyExists(destName);
                    Disks.delete(dst);
                }
                Disks.copy(src, dst);
                return null;
            });
            case "ExtendVirtualDisk_Task" -> sim.runTask(this, method, "VirtualDiskManager.extendVirtualDisk", ctx, () -> {
                Long kb = Args.longValue(args, "newCapacityKb");
                if (kb == null || kb <= 0) throw VimFault.invalidArgument("newCapacityKb");
                Disks.extend(sim.datastores().resolve(Args.requiredText(args, "name")), kb);
                return null;
            });
            case "QueryVirtualDiskUuid" -> {
                String name = Args.requiredText(args, "name");
                if (!Files.exists(sim.datastores().resolve(name))) throw VimFault.fileNotFound(name);
                String u = UUID.nameUUIDFromBytes(name.getBytes()).toString().replace("-", "");
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < 32; i += 2) sb.append(i == 0 ? "" : (i == 16 ? "-" : " ")).append(u, i, i + 2);
                yield sb.toString();
            }
            default -> super.invoke(method, args, ctx);
        };
    }
}
