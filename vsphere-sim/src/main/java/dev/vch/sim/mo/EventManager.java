package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Events of VMs (created, powered on/off, reconfigured, removed); QueryEvents, latestEvent. */
public final class EventManager extends ManagedObject {
    private static final int KEEP = 1000;
    private final List<DataObject> events = new ArrayList<>();
    private int nextKey = 1;

    public EventManager(Sim sim) {
        super(sim, new MoRef("EventManager", "EventManager"));
        props.put("maxCollector", 32);
    }

    /** Records a VM event ({@code VmPoweredOnEvent}, ...). */
    public synchronized void vmEvent(String type, VirtualMachine vm, String message, String user) {
        DataObject e = DataObject.of(type, "key", nextKey, "chainId", nextKey, "createdTime", Instant.now(), "userName", user == null ? "" : user);
        nextKey++;
        Datacenter dc = vm.datacenter();
        if (dc != null) e.put("datacenter", DataObject.of("DatacenterEventArgument", "name", dc.name(), "datacenter", dc.ref()));
        HostSystem h = vm.hostRef() == null ? null : (HostSystem) sim.inventory().find(vm.hostRef());
        if (h != null) e.put("host", DataObject.of("HostEventArgument", "name", h.name(), "host", h.ref()));
        e.put("vm", DataObject.of("VmEventArgument", "name", vm.name(), "vm", vm.ref()));
        e.put("fullFormattedMessage", message);
        e.put("template", false);
        events.add(e);
        if (events.size() > KEEP) events.removeFirst();
        props.put("latestEvent", e);
    }

    public synchronized List<DataObject> events() {
        return List.copyOf(events);
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        if (method.equals("QueryEvents")) {
            XmlNode filter = args.child("filter");
            MoRef entity = null;
            List<String> types = List.of();
            if (filter != null) {
                XmlNode ent = filter.child("entity");
                if (ent != null && ent.child("entity") != null) entity = ent.child("entity").moRef();
                types = Args.texts(filter, "eventTypeId");
            }
            ArrayOf out = ArrayOf.of("Event");
            for (DataObject e : events()) {
                if (entity != null && !(e.obj("vm") != null && entity.equals(e.obj("vm").ref("vm")))) continue;
                if (!types.isEmpty() && !types.contains(e.type())) continue;
                out.items().add(e);
            }
            return out;
        }
        return super.invoke(method, args, ctx);
    }
}
