package dev.vch.appliance;

import dev.vch.personality.tls.TlsMaterial;
import dev.vch.vsphere.api.vch.VchConfig;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The VCH appliance: reads its configuration from guestinfo, waits for its server certificate
 * when vic-machine issues it only after power-on, starts the {@link Appliance} and runs until
 * SIGTERM (power-off).
 */
public final class Main {
    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    /** How long to wait for vic-machine to write a server certificate that names this address. */
    private static final Duration CERT_WAIT = Duration.ofMinutes(5);

    private Main() {
    }

    public static void main(String[] args) {
        System.exit(run(System.getenv(), System.err));
    }

    /** Runs until the JVM is told to stop; returns the exit code on a startup failure. */
    static int run(Map<String, String> environment, PrintStream err) {
        ApplianceEnv env = ApplianceEnv.from(environment);
        try {
            GuestInfo guestInfo = new GuestInfo(env);
            VchConfig config = decode(guestInfo.all());
            TlsMaterial tls = awaitTls(guestInfo, config, env);
            if (tls != null) {
                config = decode(guestInfo.all());
            }
            Appliance appliance = Appliance.start(env, config, tls);
            CountDownLatch stop = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                LOG.info("stopping the appliance");
                appliance.close();
                stop.countDown();
            }));
            stop.await();
            return 0;
        } catch (ApplianceException e) {
            err.println("appliance: " + e.getMessage());
            LOG.error("appliance failed to start", e);
            return switch (e.kind()) {
                case CONFIG -> 2;
                case UNAVAILABLE -> 3;
                case NOT_IMPLEMENTED -> 4;
                case INTERNAL -> 1;
            };
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    static VchConfig decode(Map<String, String> guestInfo) {
        if (!VchConfig.isVch(guestInfo)) {
            throw new ApplianceException(ApplianceException.Kind.CONFIG, "guestinfo holds no VCH configuration ("
                    + VchConfig.VERSION_KEY + " is missing)");
        }
        try {
            return VchConfig.fromExtraConfig(guestInfo);
        } catch (RuntimeException e) {
            throw new ApplianceException(ApplianceException.Kind.CONFIG, "the VCH configuration in guestinfo does not "
                    + "decode: " + e.getMessage(), e);
        }
    }

    /**
     * The TLS material; when the configuration has none yet (vic-machine without --tls-cname
     * issues the server certificate once it knows the appliance's address), polls guestinfo.
     */
    private static TlsMaterial awaitTls(GuestInfo guestInfo, VchConfig config, ApplianceEnv env)
            throws InterruptedException {
        if (config.tls() == null || config.tls().disabled()) {
            return null;
        }
        Instant deadline = Instant.now().plus(CERT_WAIT);
        VchConfig current = config;
        while (true) {
            TlsMaterial tls = TlsSetup.material(current.tls(), env.vmDir().resolve("tls"));
            if (tls != null) {
                return tls;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new ApplianceException(ApplianceException.Kind.CONFIG, "no server certificate in the VCH "
                        + "configuration after " + CERT_WAIT.toMinutes() + " minutes");
            }
            LOG.info("waiting for vic-machine to write the server certificate");
            Thread.sleep(250); // guestinfo is polled: the channel has no change notification
            current = decode(guestInfo.all());
        }
    }
}
