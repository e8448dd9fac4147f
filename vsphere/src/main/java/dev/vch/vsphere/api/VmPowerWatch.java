package dev.vch.vsphere.api;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.ObjectSpec;
import com.vmware.vim25.ObjectUpdate;
import com.vmware.vim25.ObjectUpdateKind;
import com.vmware.vim25.PropertyChange;
import com.vmware.vim25.PropertyFilterSpec;
import com.vmware.vim25.PropertyFilterUpdate;
import com.vmware.vim25.PropertySpec;
import com.vmware.vim25.SelectionSpec;
import com.vmware.vim25.UpdateSet;
import com.vmware.vim25.WaitOptions;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The power state of every VM in one resource pool or vApp, pushed by the property collector
 * instead of polled: one filter (pool -> vm, {@code runtime.powerState}) and a
 * {@code WaitForUpdatesEx} long poll on a virtual thread. A VM that powers off (its guest shut
 * down, its process died, someone powered it off) is reported as soon as the server knows.
 *
 * <p>Property-collector updates belong to the session, so a client session carries one watch.
 * After an error (connection lost, session re-established) the watch creates its filter again
 * and reports every VM once more; a VM that left the pool meanwhile is not reported as gone.
 */
public final class VmPowerWatch implements AutoCloseable {

  /** Called on the watch's thread, one call at a time. */
  public interface Listener {
    /** A VM in the pool and its power state: every VM once at the start, then at each change. */
    void powerState(MoRef vm, boolean poweredOn);

    /** The VM left the pool (destroyed, unregistered or moved). */
    void gone(MoRef vm);
  }

  private static final Logger log = LoggerFactory.getLogger(VmPowerWatch.class);
  /** Server-side wait per long poll; well under the transport's read timeout. */
  static final int MAX_WAIT_SECONDS = 30;
  private static final String POWER_STATE = "runtime.powerState";

  private final Session session;
  private final MoRef pool;
  private final Listener listener;
  private final Thread thread;
  private volatile boolean closed;

  private VmPowerWatch(Session session, MoRef pool, Listener listener) {
    this.session = session;
    this.pool = pool;
    this.listener = listener;
    this.thread = Thread.ofVirtual().name("vm-power-watch-" + pool.value()).unstarted(this::run);
  }

  static VmPowerWatch start(Session session, MoRef pool, Listener listener) {
    VmPowerWatch w = new VmPowerWatch(session, pool, listener);
    w.thread.start();
    return w;
  }

  private void run() {
    long backoff = 500;
    while (!closed) {
      int login = session.logins();
      ManagedObjectReference filter = null;
      try {
        PropertyFilterSpec spec = spec();
        filter = session.call("watch the power state of the VMs in " + pool.value(),
            v -> v.createFilter(session.content().getPropertyCollector(), spec, true));
        String version = "";
        while (!closed && session.logins() == login) {
          String since = version;
          UpdateSet u = session.call("wait for power state changes of the VMs in " + pool.value(),
              v -> v.waitForUpdatesEx(session.content().getPropertyCollector(), since, options()));
          if (u != null) {
            version = u.getVersion();
            deliver(u);
            backoff = 500;
          }
        }
      } catch (VsphereException e) {
        if (closed || session.closed()) {
          break;
        }
        log.warn("Tried to follow the power state of the VMs in {} but failed because {}; starting over in {} ms",
            pool.value(), e.getMessage(), backoff);
        pause(backoff);
        backoff = Math.min(backoff * 2, 10_000);
      } finally {
        destroyQuietly(filter);
      }
    }
  }

  private void deliver(UpdateSet u) {
    if (u.getFilterSet() == null) {
      return;
    }
    for (PropertyFilterUpdate f : u.getFilterSet()) {
      if (f.getObjectSet() == null) {
        continue;
      }
      for (ObjectUpdate o : f.getObjectSet()) {
        MoRef vm = Props.ref(o.getObj());
        try {
          if (o.getKind() == ObjectUpdateKind.leave) {
            listener.gone(vm);
          } else if (o.getChangeSet() != null) {
            for (PropertyChange c : o.getChangeSet()) {
              if (POWER_STATE.equals(c.getName()) && c.getVal() != null) {
                listener.powerState(vm, "poweredOn".equals(String.valueOf(c.getVal())));
              }
            }
          }
        } catch (RuntimeException e) {
          log.warn("a power state listener failed on {}: {}", vm.value(), e.toString());
        }
      }
    }
  }

  private PropertyFilterSpec spec() {
    ObjectSpec os = new ObjectSpec();
    os.setObj(Props.mor(pool));
    os.setSkip(true);
    os.setSelectSet(new SelectionSpec[] {Vms.traversal("poolToVm", "ResourcePool", "vm")});
    PropertySpec ps = new PropertySpec();
    ps.setType("VirtualMachine");
    ps.setAll(false);
    ps.setPathSet(new String[] {POWER_STATE});
    PropertyFilterSpec spec = new PropertyFilterSpec();
    spec.setObjectSet(new ObjectSpec[] {os});
    spec.setPropSet(new PropertySpec[] {ps});
    return spec;
  }

  private static WaitOptions options() {
    WaitOptions o = new WaitOptions();
    o.setMaxWaitSeconds(MAX_WAIT_SECONDS);
    return o;
  }

  private void destroyQuietly(ManagedObjectReference filter) {
    if (filter == null || session.closed()) {
      return;
    }
    try {
      session.call("destroy the power state filter", v -> {
        v.destroyPropertyFilter(filter);
        return null;
      });
    } catch (VsphereException e) {
      log.debug("destroying filter {}: {}", filter.getVal(), e.getMessage());
    }
  }

  private static void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the watch: cancels the session's wait and waits (briefly) for the thread to end. */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (!session.closed()) {
      try {
        session.call("cancel the power state wait", v -> {
          v.cancelWaitForUpdates(session.content().getPropertyCollector());
          return null;
        });
      } catch (VsphereException e) {
        log.debug("cancelling the wait: {}", e.getMessage());
      }
    }
    try {
      thread.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    thread.interrupt();
  }
}
