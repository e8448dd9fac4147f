package dev.vch.vsphere.api;

import com.vmware.vim25.AboutInfo;
import com.vmware.vim25.KeyAnyValue;
import com.vmware.vim25.LicenseManagerLicenseInfo;
import dev.vch.vsphere.internal.Props;
import dev.vch.vsphere.internal.Session;
import dev.vch.vsphere.internal.Tasks;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * A logged-in connection to vCenter or ESXi. Thread-safe for sequential callers; one per user
 * session. Nothing it returns is a yavijava type.
 *
 * <pre>
 * try (VsphereClient vc = VsphereClient.connect(new VsphereTarget(uri, user, pw, thumbprint))) {
 *   Datacenter dc = vc.inventory().datacenter(null);
 * }
 * </pre>
 */
public final class VsphereClient implements AutoCloseable {

  private final Session session;
  private final Props props;
  private final Tasks tasks;
  private final Inventory inventory;
  private final Vms vms;
  private final Pools pools;
  private final HostConfig hosts;
  private final DatastoreFiles files;

  private VsphereClient(Session session, Duration taskTimeout) {
    this.session = session;
    this.props = new Props(session);
    this.tasks = new Tasks(session, props, taskTimeout);
    this.inventory = new Inventory(props, Props.ref(session.content().getRootFolder()));
    this.vms = new Vms(session, props, tasks);
    this.pools = new Pools(session);
    this.hosts = new HostConfig(session, props);
    this.files = new DatastoreFiles(session, tasks, props);
  }

  /** Logs in; tasks may run for up to 10 minutes. */
  public static VsphereClient connect(VsphereTarget target) {
    return connect(target, Duration.ofMinutes(10));
  }

  public static VsphereClient connect(VsphereTarget target, Duration taskTimeout) {
    return new VsphereClient(Session.login(target), taskTimeout);
  }

  public VsphereTarget target() {
    return session.target();
  }

  /** The SHA-1 thumbprint of the certificate the server presented (null over plain HTTP). */
  public String serverThumbprint() {
    return session.transport().tls().presented();
  }

  public About about() {
    AboutInfo a = session.content().getAbout();
    return new About(a.getName(), a.getFullName(), a.getApiType(), a.getApiVersion(), a.getVersion(), a.getBuild(),
        a.getInstanceUuid());
  }

  /** The SOAPAction this client speaks, e.g. {@code urn:vim25/6.0}. */
  public String apiVersionSpoken() {
    return session.transport().soapAction;
  }

  public Inventory inventory() {
    return inventory;
  }

  public Vms vms() {
    return vms;
  }

  public Pools pools() {
    return pools;
  }

  public HostConfig hosts() {
    return hosts;
  }

  public DatastoreFiles files() {
    return files;
  }

  /** Licences assigned on the server (empty when the server has no licence manager). */
  public List<License> licenses() {
    if (session.content().getLicenseManager() == null) {
      return List.of();
    }
    Object v = props.get(Props.ref(session.content().getLicenseManager()), "licenses").get("licenses");
    LicenseManagerLicenseInfo[] arr = v instanceof LicenseManagerLicenseInfo[] a ? a
        : v instanceof com.vmware.vim25.ArrayOfLicenseManagerLicenseInfo a ? a.getLicenseManagerLicenseInfo() : null;
    List<License> out = new ArrayList<>();
    if (arr != null) {
      for (LicenseManagerLicenseInfo l : arr) {
        List<String> features = new ArrayList<>();
        if (l.getProperties() != null) {
          for (KeyAnyValue kv : l.getProperties()) {
            if ("feature".equals(kv.getKey()) && kv.getValue() instanceof com.vmware.vim25.KeyValue f) {
              features.add(f.getKey());
            } else if ("feature".equals(kv.getKey()) && kv.getValue() != null) {
              features.add(String.valueOf(kv.getValue()));
            }
          }
        }
        out.add(new License(l.getLicenseKey(), l.getName(), l.getEditionKey(), features));
      }
    }
    return out;
  }

  /** Keeps the session alive while idle (for long-lived clients such as the appliance). */
  public void keepAlive(Duration period) {
    session.keepAlive(period);
  }

  /** Logs out. */
  @Override
  public void close() {
    session.close();
  }
}
