package dev.vch.appliance;

import dev.vch.appliance.ApplianceException.Kind;
import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.DockerApiServer;
import dev.vch.personality.tls.TlsMaterial;
import dev.vch.portlayer.api.PortLayer;
import dev.vch.portlayer.container.ContainerSettings;
import dev.vch.portlayer.container.VsphereContainerService;
import dev.vch.portlayer.events.EventBus;
import dev.vch.portlayer.image.ImageStore;
import dev.vch.portlayer.image.ImageUsage;
import dev.vch.portlayer.link.LinkRegistry;
import dev.vch.portlayer.link.LinkServer;
import dev.vch.portlayer.system.VchSystemService;
import dev.vch.portlayer.vm.VsphereImageDatastore;
import dev.vch.portlayer.vm.VsphereVmBackend;
import dev.vch.tether.protocol.LinkOptions;
import dev.vch.vsphere.api.Datacenter;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereTarget;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running VCH: vSphere session, image store, container service, link server (2377),
 * Docker API (2376 TLS, or 2375 with --no-tls) and log server (2378), all bound to the
 * appliance's IP. {@link #close} stops them in reverse order.
 */
public final class Appliance implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Appliance.class);
    public static final int LINK_PORT = 2377;
    public static final int LOG_PORT = 2378;

    private final List<AutoCloseable> running = new ArrayList<>();
    private volatile boolean closed;
    private VsphereClient session;

    private Appliance() {
    }

    public static Appliance start(ApplianceEnv env, VchConfig config, TlsMaterial tls) {
        Appliance a = new Appliance();
        try {
            a.boot(env, config, tls);
            return a;
        } catch (RuntimeException | IOException | InterruptedException e) {
            a.close();
            if (a.session != null) {
                a.session.close();
            }
            if (e instanceof ApplianceException ae) {
                throw ae;
            }
            throw new ApplianceException(e instanceof VsphereException ? Kind.UNAVAILABLE : Kind.INTERNAL,
                    "the appliance failed to start: " + e.getMessage(), e);
        }
    }

    private void boot(ApplianceEnv env, VchConfig config, TlsMaterial tls) throws IOException, InterruptedException {
        VchConfig.VchTarget t = config.target();
        if (t == null || t.sdkUrl() == null) {
            throw new ApplianceException(Kind.CONFIG, "the VCH configuration names no vSphere target");
        }
        String ip = env.vmIp();
        VsphereClient vc = VsphereClient.connect(new VsphereTarget(URI.create(t.sdkUrl()), t.user(), t.password(),
                t.thumbprint()));
        // not closed at shutdown: a power-off holds the endpoint busy until this process ends, so a
        // logout then would only delay the exit; the session expires on the server
        this.session = vc;
        vc.keepAlive(Duration.ofMinutes(5));
        Datacenter dc = vc.inventory().datacenter(t.datacenter());
        MoRef pool = new MoRef(t.resourcePoolType() == null ? "ResourcePool" : t.resourcePoolType(), t.resourcePool());
        MoRef folder = t.vmFolder() == null ? dc.vmFolder() : new MoRef("Folder", t.vmFolder());

        if (config.imageStores().isEmpty()) {
            throw new ApplianceException(Kind.CONFIG, "the VCH configuration has no image store");
        }
        String[] store = ImageStoreUrl.parse(config.imageStores().getFirst());
        ImageStore images = new ImageStore(new VsphereImageDatastore(vc, dc, store[0]), store[1],
                env.vmDir().resolve("image-work"), ImageStore.DEFAULT_BASE_SIZE).start()
                .registry(RegistrySettings.from(config.registry()));

        EventBus events = new EventBus();
        LinkRegistry links = new LinkRegistry();
        ContainerSettings settings = new ContainerSettings(config.common() == null ? env.vmId() : config.common().id(),
                "tcp://" + ip + ":" + LINK_PORT, store[0], config.bootstrapIso(),
                config.network() == null ? null : config.network().bridgeNetwork(), config.containerCpus(),
                config.containerMemoryMB(), null, env.vmDir().resolve("container-logs"));
        VsphereContainerService containers = new VsphereContainerService(
                new VsphereVmBackend(vc, dc, pool, folder),
                new ImageStoreResolver(images, ImageStore.DEFAULT_BASE_SIZE), links, events, settings);
        running.add(containers);
        int rebuilt = containers.rebuild();
        images.usage(imageId -> containers.all().stream().filter(c -> c.imageId().equals(imageId))
                .sorted((x, y) -> Boolean.compare(y.state().running(), x.state().running())).findFirst()
                .map(c -> new ImageUsage.Use(c.id(), c.state().running())));
        running.add(LinkServer.start(new InetSocketAddress(ip, LINK_PORT), containers.secrets(), links, LinkOptions.HOST));

        var about = vc.about();
        VchSystemService system = new VchSystemService(new VchSystemService.Facts(settings.vchId(), config.name(),
                about.fullName() + " at " + t.sdkUrl(), about.version(), Runtime.getRuntime().availableProcessors(),
                hostMemory(), List.of(store[0]), "VMware vSphere Integrated Containers-style VCH (" + about.name() + ")",
                "unknown"), containers::all, images);
        PortLayer portLayer = new PortLayer(containers, images, system, events);
        DockerApiConfig api = tls == null ? DockerApiConfig.plain(ip, DockerApiConfig.DEFAULT_PLAIN_PORT, config.name())
                : DockerApiConfig.tls(ip, DockerApiConfig.DEFAULT_TLS_PORT, tls, config.name());
        running.add(DockerApiServer.start(api, portLayer));
        // without the VCH's TLS (--no-tls) the log server still speaks HTTPS, on a certificate of its own,
        // and admits vSphere credentials only
        TlsMaterial logTls = tls != null ? tls : TlsSetup.selfSigned(config.name(), ip);
        running.add(LogServer.start(new InetSocketAddress(ip, LOG_PORT), logTls,
                new VsphereLogin(URI.create(t.sdkUrl()), t.thumbprint(), java.time.Clock.systemUTC()), config.name(),
                containers.logStore(), env.vmDir().resolve("appliance.log"), id -> nameOf(containers, id)));
        LOG.info("VCH {} up on {}: {} containers rebuilt from vSphere", config.name(), ip, rebuilt);
    }

    private static String nameOf(VsphereContainerService containers, String id) {
        return containers.all().stream().filter(c -> c.id().equals(id)).map(c -> c.name()).findFirst().orElse(id);
    }

    private static long hostMemory() {
        return Optional.ofNullable(java.lang.management.ManagementFactory.getOperatingSystemMXBean())
                .filter(b -> b instanceof com.sun.management.OperatingSystemMXBean)
                .map(b -> ((com.sun.management.OperatingSystemMXBean) b).getTotalMemorySize()).orElse(0L);
    }

    @Override
    public void close() {
        closed = true;
        for (int i = running.size() - 1; i >= 0; i--) {
            try {
                running.get(i).close();
            } catch (Exception e) {
                LOG.warn("closing {} failed: {}", running.get(i).getClass().getSimpleName(), e.getMessage());
            }
        }
        running.clear();
    }
}
