package dev.vch.sim.core;

import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Every managed object by id, one lock for all state changes, a change sequence that wakes
 * WaitForUpdates, and the set of objects to persist at the end of the current call.
 */
public final class Inventory {
    private final Map<String, ManagedObject> objects = new ConcurrentHashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final AtomicLong ids = new AtomicLong(100);
    private volatile long changeSeq;
    private final Set<ManagedObject> dirty = new LinkedHashSet<>();
    private final Set<MoRef> removed = new LinkedHashSet<>();

    public ReentrantLock lock() {
        return lock;
    }

    /** A new id: {@code vm-123}. */
    public String newId(String prefix) {
        return prefix + "-" + ids.incrementAndGet();
    }

    /** After a restart: ids continue above every restored one. */
    public void bumpIds(String id) {
        int dash = id.lastIndexOf('-');
        if (dash < 0) return;
        try {
            long n = Long.parseLong(id.substring(dash + 1));
            ids.accumulateAndGet(n, Math::max);
        } catch (NumberFormatException ignored) {
            // ids like "ha-host" carry no counter
        }
    }

    public <T extends ManagedObject> T add(T mo) {
        objects.put(mo.ref().value(), mo);
        bumpIds(mo.ref().value());
        dirty(mo);
        return mo;
    }

    public void remove(ManagedObject mo) {
        if (objects.remove(mo.ref().value(), mo)) {
            lockedDirty(() -> {
                dirty.remove(mo);
                if (mo.persistent()) removed.add(mo.ref());
            });
            signal();
        }
    }

    /** The object, or ManagedObjectNotFound (also when the reference names the wrong type). */
    public ManagedObject get(MoRef ref) {
        ManagedObject mo = ref == null ? null : objects.get(ref.value());
        if (mo == null || !(TypeHierarchy.isA(mo.type(), ref.type()) || TypeHierarchy.isA(ref.type(), mo.type()))) {
            throw VimFault.managedObjectNotFound(ref == null ? new MoRef("ManagedObject", "") : ref);
        }
        return mo;
    }

    public <T extends ManagedObject> T get(MoRef ref, Class<T> type) {
        ManagedObject mo = get(ref);
        if (!type.isInstance(mo)) throw VimFault.managedObjectNotFound(ref);
        return type.cast(mo);
    }

    public ManagedObject find(MoRef ref) {
        ManagedObject mo = ref == null ? null : objects.get(ref.value());
        return mo != null && mo.type().equals(ref.type()) ? mo : null;
    }

    public boolean exists(MoRef ref) {
        return find(ref) != null;
    }

    public Collection<ManagedObject> all() {
        return objects.values();
    }

    public <T extends ManagedObject> List<T> all(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (ManagedObject mo : objects.values()) {
            if (type.isInstance(mo)) out.add(type.cast(mo));
        }
        return out;
    }

    public void dirty(ManagedObject mo) {
        if (mo.persistent()) lockedDirty(() -> dirty.add(mo));
    }

    private synchronized void lockedDirty(Runnable r) {
        r.run();
    }

    /** Takes what changed since the last call (for the state store). */
    public synchronized Changes drainChanges() {
        Changes c = new Changes(List.copyOf(dirty), List.copyOf(removed));
        dirty.clear();
        removed.clear();
        return c;
    }

    public record Changes(List<ManagedObject> changed, List<MoRef> removed) {
        public boolean isEmpty() {
            return changed.isEmpty() && removed.isEmpty();
        }
    }

    public long changeSeq() {
        return changeSeq;
    }

    /** Something changed: wake WaitForUpdates callers. */
    public void signal() {
        lock.lock();
        try {
            changeSeq++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Waits (lock held by caller) until the change sequence moves past {@code seen}; false on timeout. */
    public boolean awaitChange(long seen, long timeoutMillis) throws InterruptedException {
        long remaining = TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        while (changeSeq == seen) {
            if (remaining <= 0) return false;
            remaining = changed.awaitNanos(remaining);
        }
        return true;
    }
}
