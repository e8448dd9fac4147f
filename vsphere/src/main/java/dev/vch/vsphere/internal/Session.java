package dev.vch.vsphere.internal;

import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.mo.ServiceInstance;
import com.vmware.vim25.ws.ClientCreator;
import com.vmware.vim25.VimPortType;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.api.VsphereTarget;
import java.net.URL;
import java.time.Duration;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One logged-in session. Every vSphere call goes through {@link #call}, which logs in again and
 * retries once when the server says the session is gone (NotAuthenticated), and retries a 503
 * a few times before giving up.
 */
public final class Session implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Session.class);
  private static final int UNAVAILABLE_ATTEMPTS = 3;

  static {
    // selects the class only; trust is configured per connection through the TrustManager
    ClientCreator.clientClass = VchWsClient.class;
  }

  /** A call into yavijava. */
  @FunctionalInterface
  public interface VimCall<T> {
    T call(VimPortType vim) throws Exception;
  }

  private final VsphereTarget target;
  private final ServiceInstance si;
  private final VimPortType vim;
  private final VchWsClient wsc;
  private final ReentrantLock relogin = new ReentrantLock();
  private volatile boolean closed;
  private volatile int logins = 1;
  private Thread keepAlive;

  private Session(VsphereTarget target, ServiceInstance si) {
    this.target = target;
    this.si = si;
    this.vim = si.getServerConnection().getVimService();
    this.wsc = (VchWsClient) vim.getWsc();
  }

  public static Session login(VsphereTarget target) {
    String action = "log in to " + target.sdkUrl() + " as " + target.user();
    for (int attempt = 1; ; attempt++) {
      try {
        ServiceInstance si = new ServiceInstance(new URL(target.sdkUrl().toString()), target.user(),
            target.password(), new ThumbprintTrustManager(target.thumbprint()),
            (int) target.connectTimeout().toMillis(), (int) target.readTimeout().toMillis());
        log.debug("logged in to {} as {}", target.sdkUrl(), target.user());
        return new Session(target, si);
      } catch (Exception e) {
        VsphereException mapped = Faults.map(action, e);
        if (mapped.kind() != Kind.UNAVAILABLE || attempt >= UNAVAILABLE_ATTEMPTS || !is503(e)) {
          throw mapped;
        }
        backoff(attempt);
      }
    }
  }

  public VsphereTarget target() {
    return target;
  }

  /**
   * How many times this session logged in: a new login is a new server session, without the
   * property filters of the old one.
   */
  public int logins() {
    return logins;
  }

  public boolean closed() {
    return closed;
  }

  public ServiceContent content() {
    return si.getServiceContent();
  }

  public VchWsClient transport() {
    return wsc;
  }

  /** The session cookie as {@code name=value}, for datastore HTTP requests. */
  public String cookie() {
    String c = wsc.getCookie();
    if (c == null) {
      return null;
    }
    int semi = c.indexOf(';');
    return semi < 0 ? c.trim() : c.substring(0, semi).trim();
  }

  public <T> T call(String action, VimCall<T> body) {
    if (closed) {
      throw new VsphereException(Kind.INVALID, "Tried to " + action + " but the session is closed");
    }
    boolean reloggedIn = false;
    for (int attempt = 1; ; attempt++) {
      try {
        return body.call(vim);
      } catch (Exception e) {
        if (Faults.isNotAuthenticated(e) && !reloggedIn) {
          log.info("session expired; logging in again to {}", target.sdkUrl());
          reloginAfterExpiry();
          reloggedIn = true;
          continue;
        }
        if (is503(e) && attempt < UNAVAILABLE_ATTEMPTS) {
          backoff(attempt);
          continue;
        }
        throw Faults.map(action, e);
      }
    }
  }

  /** Logs in again on the same transport, dropping the expired cookie first. */
  void reloginAfterExpiry() {
    relogin.lock();
    try {
      wsc.setCookie(null);
      vim.login(content().getSessionManager(), target.user(), target.password(), null);
      logins++;
    } catch (Exception e) {
      throw Faults.map("log in again to " + target.sdkUrl() + " after the session expired", e);
    } finally {
      relogin.unlock();
    }
  }

  /** Touches the session every {@code period} so an idle client keeps it (e.g. the appliance). */
  public synchronized void keepAlive(Duration period) {
    if (keepAlive != null) {
      return;
    }
    keepAlive = Thread.ofVirtual().name("vsphere-keepalive").start(() -> {
      while (!closed) {
        try {
          Thread.sleep(period);
          call("keep the session alive", v -> v.currentTime(si.getMOR()));
        } catch (InterruptedException e) {
          return;
        } catch (VsphereException e) {
          log.warn("keep-alive failed: {}", e.getMessage());
        }
      }
    });
  }

  private static boolean is503(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof VchWsClient.ServerUnavailable) {
        return true;
      }
      if (t.getCause() == t) {
        break;
      }
    }
    return false;
  }

  private static void backoff(int attempt) {
    try {
      Thread.sleep(200L * attempt);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VsphereException(Kind.INTERNAL, "interrupted");
    }
  }

  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (keepAlive != null) {
      keepAlive.interrupt();
    }
    try {
      vim.logout(content().getSessionManager());
    } catch (Exception e) {
      log.debug("logout failed: {}", e.toString());
    }
  }
}
