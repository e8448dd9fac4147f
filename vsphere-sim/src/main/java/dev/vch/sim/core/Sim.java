package dev.vch.sim.core;

import dev.vch.sim.mo.EventManager;
import dev.vch.sim.mo.Task;
import dev.vch.sim.runtime.VmRuntimes;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The simulator's state and its one entry point for SOAP calls: authentication, the global lock,
 * dispatch to the managed object, then persistence and wake-ups for whatever changed.
 */
public final class Sim implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Sim.class);
    /** Methods that may be called without a session. */
    private static final Set<String> ANONYMOUS = Set.of("RetrieveServiceContent", "Login", "LoginByToken", "CurrentTime");
    /** Methods that change nothing (no persistence, no wake-up). */
    private static final Set<String> READ_ONLY = Set.of("RetrieveServiceContent", "RetrieveProperties", "RetrievePropertiesEx",
            "ContinueRetrievePropertiesEx", "WaitForUpdates", "WaitForUpdatesEx", "CheckForUpdates", "FindByInventoryPath",
            "FindChild", "FindByUuid", "FindByIp", "FindByDnsName", "FindAllByUuid", "SessionIsActive", "CurrentTime",
            "QueryEvents", "QueryOptions", "QueryVirtualDiskUuid", "CancelWaitForUpdates", "Login", "Logout");

    private final SimSettings settings;
    private final Inventory inventory = new Inventory();
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();
    private final StateStore store;
    private final Datastores datastores;
    private volatile VmRuntimes runtimes;
    private final String instanceUuid;
    private final java.util.Deque<MoRef> recentTasks = new java.util.ArrayDeque<>();

    public Sim(SimSettings settings) {
        this.settings = settings;
        this.store = new StateStore(settings.stateDir());
        this.datastores = new Datastores(this, settings.stateDir().resolve("datastores"));
        this.instanceUuid = store.instanceUuid();
        if (!store.restore(this)) {
            InventoryBuilder.build(this);
            persist();
        }
        InventoryBuilder.services(this);
        dev.vch.sim.mo.VirtualMachine.reattachAll(this);
    }

    /** Tasks in creation order; the oldest are dropped past a limit. */
    public java.util.Deque<MoRef> recentTasks() {
        return recentTasks;
    }

    public SimSettings settings() {
        return settings;
    }

    public Inventory inventory() {
        return inventory;
    }

    public Datastores datastores() {
        return datastores;
    }

    public String instanceUuid() {
        return instanceUuid;
    }

    public EventManager events() {
        return inventory.get(new MoRef("EventManager", "EventManager"), EventManager.class);
    }

    /** The VM runtimes, started on first use (null when disabled by settings). */
    public VmRuntimes runtimes() {
        if (!settings.runtimesEnabled()) return null;
        VmRuntimes r = runtimes;
        if (r == null) {
            synchronized (this) {
                if (runtimes == null) runtimes = VmRuntimes.create(settings.stateDir().resolve("runtime"));
                r = runtimes;
            }
        }
        return r;
    }

    public Session session(String key) {
        return key == null ? null : sessions.get(key);
    }

    public Session login(String user, String password, String remote, String agent) {
        if (!settings.user().equals(user) || !settings.password().equals(password)) throw VimFault.invalidLogin();
        Session s = new Session(UUID.randomUUID().toString(), user, remote, agent);
        sessions.put(s.key(), s);
        return s;
    }

    public void logout(Session s) {
        sessions.remove(s.key());
        String prefix = "session[" + s.key() + "]";
        for (ManagedObject mo : inventory.all()) {
            if (mo.ref().value().startsWith(prefix)) inventory.remove(mo);
        }
    }

    /** One SOAP call. */
    public Object call(MoRef target, String method, XmlNode args, CallContext ctx) {
        if (ctx.session() == null && !ANONYMOUS.contains(method)) throw VimFault.notAuthenticated(target);
        if (ctx.session() != null) ctx.session().called();
        CallContext.setCurrent(ctx);
        try {
            return dispatch(target, method, args, ctx);
        } finally {
            CallContext.setCurrent(null);
        }
    }

    private Object dispatch(MoRef target, String method, XmlNode args, CallContext ctx) {
        if (method.equals("WaitForUpdates") || method.equals("WaitForUpdatesEx")) {
            // waits without holding the lock
            return inventory.get(target).invoke(method, args, ctx);
        }
        boolean readOnly = READ_ONLY.contains(method);
        inventory.lock().lock();
        try {
            ManagedObject mo = inventory.get(target);
            Object result = mo.invoke(method, args, ctx);
            if (!readOnly) afterChange();
            return result;
        } catch (RuntimeException e) {
            if (!readOnly) afterChange();
            throw e;
        } finally {
            inventory.lock().unlock();
        }
    }

    /** Persists what changed and wakes property-collector waiters. */
    public void afterChange() {
        persist();
        inventory.signal();
    }

    public void persist() {
        Inventory.Changes c = inventory.drainChanges();
        if (!c.isEmpty()) store.save(c);
    }

    /** Runs a task body at once and returns the Task (its info tells success or the fault). */
    public MoRef runTask(ManagedObject entity, String name, String descriptionId, CallContext ctx, Supplier<Object> body) {
        Task t = Task.create(this, entity, name, descriptionId, ctx.userName());
        t.run(body);
        return t.ref();
    }

    @Override
    public void close() {
        inventory.lock().lock();
        try {
            persist();
        } finally {
            inventory.lock().unlock();
        }
        VmRuntimes r = runtimes;
        if (r != null) {
            try {
                r.close();
            } catch (RuntimeException e) {
                LOG.warn("closing VM runtimes: {}", e.toString());
            }
        }
    }
}
