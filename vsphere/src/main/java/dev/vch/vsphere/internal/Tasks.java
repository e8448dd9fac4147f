package dev.vch.vsphere.internal;

import com.vmware.vim25.ManagedObjectReference;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.TaskInfoState;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereException.Kind;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Waits for vSphere tasks by polling {@code Task.info}, backing off from 50 ms to 1 s. */
public final class Tasks {

  private static final Logger log = LoggerFactory.getLogger(Tasks.class);

  private final Session session;
  private final Props props;
  private final Duration timeout;

  public Tasks(Session session, Props props, Duration timeout) {
    this.session = session;
    this.props = props;
    this.timeout = timeout;
  }

  /** Starts a task with {@code start} and waits for it; returns its result (converted as by {@link Props}). */
  public Object run(String action, Session.VimCall<ManagedObjectReference> start) {
    ManagedObjectReference task = session.call(action, start);
    return await(action, Props.ref(task));
  }

  public Object await(String action, MoRef task) {
    Instant deadline = Instant.now().plus(timeout);
    long delay = 50;
    while (true) {
      Map<String, Object> p = props.get(task, "info");
      Object info = p.get("info");
      if (!(info instanceof TaskInfo ti)) {
        throw new VsphereException(Kind.INTERNAL,
            "Tried to " + action + " but failed because task " + task.value() + " has no info");
      }
      TaskInfoState state = ti.getState();
      if (state == TaskInfoState.success) {
        log.debug("task {} ({}) succeeded", task.value(), action);
        return Props.convert(ti.getResult());
      }
      if (state == TaskInfoState.error) {
        throw Faults.task(action, ti.getError());
      }
      if (Instant.now().isAfter(deadline)) {
        throw new VsphereException(Kind.TIMEOUT, "Tried to " + action + " but task " + task.value()
            + " did not finish within " + timeout.toSeconds() + " s");
      }
      try {
        Thread.sleep(delay);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new VsphereException(Kind.INTERNAL, "interrupted while waiting to " + action);
      }
      delay = Math.min(1000, delay * 2);
    }
  }
}
