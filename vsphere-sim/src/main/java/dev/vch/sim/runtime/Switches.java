package dev.vch.sim.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portgroup switches of one simulator. A switch's UDP port is remembered in
 * {@code switches.properties} so that after a simulator restart the switch listens where the
 * still-running qemu processes send their frames.
 */
final class Switches implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Switches.class);

    private final Path portsFile;
    private final Map<String, PortgroupSwitch> switches = new HashMap<>();
    private final Properties savedPorts = new Properties();

    Switches(Path stateDir) {
        this.portsFile = stateDir.resolve("switches.properties");
        if (Files.isRegularFile(portsFile)) {
            try (Reader r = Files.newBufferedReader(portsFile, StandardCharsets.UTF_8)) {
                savedPorts.load(r);
            } catch (IOException e) {
                LOG.warn("cannot read {}: {}; switches get new ports", portsFile, e.toString());
            }
        }
    }

    /** The switch of {@code portgroup}, started on its remembered port (or {@code wantedPort}) if not running. */
    synchronized PortgroupSwitch open(String portgroup, int wantedPort) throws IOException {
        PortgroupSwitch sw = switches.get(portgroup);
        if (sw != null) {
            if (wantedPort != 0 && sw.port() != wantedPort) {
                LOG.warn("portgroup {} switch is on port {}, a reattached VM sends to {}: that VM's NIC stays cut off",
                        portgroup, sw.port(), wantedPort);
            }
            return sw;
        }
        int port = wantedPort != 0 ? wantedPort : Integer.parseInt(savedPorts.getProperty(portgroup, "0"));
        sw = new PortgroupSwitch(portgroup, port);
        switches.put(portgroup, sw);
        if (!String.valueOf(sw.port()).equals(savedPorts.getProperty(portgroup))) {
            savedPorts.setProperty(portgroup, String.valueOf(sw.port()));
            save();
        }
        return sw;
    }

    /** A free UDP port on loopback for a NIC's own end (qemu binds it itself). */
    static int freeUdpPort() throws IOException {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0))) {
            return s.getLocalPort();
        }
    }

    private void save() {
        try {
            Files.createDirectories(portsFile.getParent());
            Path tmp = portsFile.resolveSibling(portsFile.getFileName() + ".tmp");
            try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                savedPorts.store(w, "UDP port of each portgroup switch (vsphere-sim VM runtime)");
            }
            Files.move(tmp, portsFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            LOG.warn("cannot save {}: {}", portsFile, e.toString());
        }
    }

    @Override
    public synchronized void close() {
        switches.values().forEach(PortgroupSwitch::close);
        switches.clear();
    }
}
