package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;

/** FindByInventoryPath, FindChild, FindByUuid, FindByIp. Not found answers nothing (null), as vSphere does. */
public final class SearchIndex extends ManagedObject {
    public SearchIndex(Sim sim) {
        super(sim, new MoRef("SearchIndex", "SearchIndex"));
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "FindByInventoryPath" -> byPath(Args.requiredText(args, "inventoryPath"));
            case "FindChild" -> child((ManagedEntity) sim.inventory().get(Args.requiredRef(args, "entity")), Args.requiredText(args, "name"));
            case "FindByUuid" -> {
                ArrayOf all = byUuid(args);
                yield all.items().isEmpty() ? null : all.items().getFirst();
            }
            case "FindAllByUuid" -> byUuid(args);
            case "FindByIp" -> {
                String ip = Args.requiredText(args, "ip");
                for (VirtualMachine vm : sim.inventory().all(VirtualMachine.class)) {
                    DataObject g = (DataObject) vm.property("guest");
                    if (g != null && ip.equals(g.str("ipAddress"))) yield vm.ref();
                }
                yield null;
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    private MoRef byPath(String path) {
        ManagedEntity cur = (ManagedEntity) sim.inventory().get(
                new MoRef("Folder", sim.settings().vcenter() ? "group-d1" : "ha-folder-root"));
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.isEmpty()) return cur.ref();
        for (String seg : p.split("/", -1)) {
            MoRef next = child(cur, seg.replace("%2f", "/").replace("%2F", "/"));
            if (next == null) return null;
            cur = (ManagedEntity) sim.inventory().get(next);
        }
        return cur.ref();
    }

    private MoRef child(ManagedEntity parent, String name) {
        for (MoRef c : parent.children()) {
            if (sim.inventory().find(c) instanceof ManagedEntity e && e.name().equals(name)) return c;
        }
        // a ComputeResource's root pool is "Resources" in paths; a pool's vApps live in folders too
        return null;
    }

    private ArrayOf byUuid(XmlNode args) {
        String uuid = Args.requiredText(args, "uuid");
        boolean vmSearch = Args.bool(args, "vmSearch", false);
        boolean instance = Args.bool(args, "instanceUuid", false);
        ArrayOf out = ArrayOf.of("ManagedObjectReference");
        if (vmSearch) {
            for (VirtualMachine vm : sim.inventory().all(VirtualMachine.class)) {
                DataObject c = (DataObject) vm.property("config");
                if (c != null && uuid.equalsIgnoreCase(c.str(instance ? "instanceUuid" : "uuid"))) out.items().add(vm.ref());
            }
        } else {
            for (HostSystem h : sim.inventory().all(HostSystem.class)) {
                DataObject hw = (DataObject) ((DataObject) h.property("summary")).get("hardware");
                if (uuid.equalsIgnoreCase(hw.str("uuid"))) out.items().add(h.ref());
            }
        }
        return out;
    }
}
