package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.EnumValue;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.time.Instant;
import java.util.Deque;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A Task: TaskInfo with state, result or error; the last 500 are kept. */
public final class Task extends ManagedObject {
    private static final Logger LOG = LoggerFactory.getLogger(Task.class);
    private static final int KEEP = 500;

    private Task(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static Task create(Sim sim, ManagedObject entity, String name, String descriptionId, String user) {
        Task t = new Task(sim, new MoRef("Task", sim.inventory().newId("task")));
        String entityName = entity instanceof ManagedEntity e ? e.name() : entity.ref().value();
        t.props.put("info", DataObject.of("TaskInfo", "key", t.ref().value(), "task", t.ref(), "name", name,
                "descriptionId", descriptionId, "entity", entity.ref(), "entityName", entityName,
                "state", new EnumValue("TaskInfoState", "queued"), "cancelled", false, "cancelable", false,
                "reason", DataObject.of("TaskReasonUser", "userName", user), "queueTime", Instant.now(), "eventChainId", 0));
        t.props.put("value", ArrayOf.of("CustomFieldValue"));
        t.props.put("availableField", ArrayOf.of("CustomFieldDef"));
        sim.inventory().add(t);
        Deque<MoRef> recent = sim.recentTasks();
        synchronized (recent) {
            recent.addLast(t.ref());
            while (recent.size() > KEEP) {
                if (sim.inventory().find(recent.removeFirst()) instanceof Task old) sim.inventory().remove(old);
            }
        }
        return t;
    }

    public DataObject info() {
        return (DataObject) props.get("info");
    }

    /** Runs the body now; its result or fault lands in info. */
    public void run(Supplier<Object> body) {
        DataObject info = info();
        info.put("state", new EnumValue("TaskInfoState", "running")).put("startTime", Instant.now());
        try {
            Object result = body.get();
            // fields keep wire order: error/result come before reason
            DataObject done = copyWith(info, "success", null, result);
            props.put("info", done);
        } catch (VimFault f) {
            props.put("info", copyWith(info, "error", f, null));
        } catch (RuntimeException e) {
            LOG.warn("Task {} ({}) failed", ref().value(), info.str("name"), e);
            props.put("info", copyWith(info, "error", VimFault.systemError(String.valueOf(e.getMessage())), null));
        }
    }

    private static DataObject copyWith(DataObject info, String state, VimFault fault, Object result) {
        DataObject d = new DataObject("TaskInfo");
        for (var e : info.fields().entrySet()) {
            if (e.getKey().equals("reason")) {
                if (fault != null) {
                    d.put("error", DataObject.of("LocalizedMethodFault", "fault", fault.fault(), "localizedMessage", fault.getMessage()));
                }
                if (result != null) d.put("result", result);
            }
            d.put(e.getKey(), e.getKey().equals("state") ? new EnumValue("TaskInfoState", state) : e.getValue());
        }
        Object start = d.fields().remove("startTime");
        Object chain = d.fields().remove("eventChainId");
        return d.put("startTime", start).put("completeTime", Instant.now()).put("eventChainId", chain);
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        if (method.equals("CancelTask")) throw VimFault.invalidState("The task " + ref().value() + " has already completed");
        return super.invoke(method, args, ctx);
    }
}
