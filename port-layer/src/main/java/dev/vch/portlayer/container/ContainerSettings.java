package dev.vch.portlayer.container;

import java.nio.file.Path;
import java.time.Duration;

/**
 * What the container service needs to know about its VCH.
 *
 * @param vchId           the VCH's id (events, info)
 * @param linkUri         {@code tcp://<VCH IP>:2377}, the serial port backing of every containerVM
 * @param datastore       where containerVM files live (the image datastore)
 * @param bootstrapIso    {@code [ds] <vch dir>/bootstrap.iso}
 * @param bridgeNetwork   portgroup of the bridge network, or null for none
 * @param cpus            default vCPUs per containerVM
 * @param memoryMB        default memory per containerVM
 * @param startTimeout    how long a start waits for the tether's hello (null: {@link #DEFAULT_START_TIMEOUT})
 * @param logDir          where container logs are kept (survives appliance restarts)
 * @param guestPowerOff   how long an exited container's tether gets to power its VM off (sync,
 *                        shutdown) before the VCH does
 */
public record ContainerSettings(String vchId, String linkUri, String datastore, String bootstrapIso,
                                String bridgeNetwork, int cpus, long memoryMB, Duration startTimeout, Path logDir,
                                Duration guestPowerOff) {
    /**
     * A containerVM boots in 10-25 s under TCG when alone; eight booting at once on a busy
     * two-core host took over 60 s each. The timeout only bounds a tether that never comes.
     */
    public static final Duration DEFAULT_START_TIMEOUT = Duration.ofSeconds(180);

    public ContainerSettings {
        cpus = cpus <= 0 ? 1 : cpus;
        memoryMB = memoryMB <= 0 ? 512 : memoryMB;
        startTimeout = startTimeout == null ? DEFAULT_START_TIMEOUT : startTimeout;
        guestPowerOff = guestPowerOff == null ? Duration.ofSeconds(5) : guestPowerOff;
    }

    /** With the default time for a guest's own power-off (5 s). */
    public ContainerSettings(String vchId, String linkUri, String datastore, String bootstrapIso, String bridgeNetwork,
                             int cpus, long memoryMB, Duration startTimeout, Path logDir) {
        this(vchId, linkUri, datastore, bootstrapIso, bridgeNetwork, cpus, memoryMB, startTimeout, logDir, null);
    }
}
