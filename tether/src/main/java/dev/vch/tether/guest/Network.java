package dev.vch.tether.guest;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.NetworkEndpoint;
import dev.vch.tether.guest.sys.NetIoctl;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** Brings up lo and each configured NIC with its static address; reports what it set. */
final class Network {

    private Network() {
    }

    /** Configures the interfaces; returns the assigned endpoint per network name. */
    static Map<String, NetworkEndpoint> configure(ContainerConfig c) {
        NetIoctl.up("lo");
        Map<String, NetworkEndpoint> assigned = new TreeMap<>();
        if (c.networks().isEmpty()) return assigned;
        List<String> free = awaitInterfaces(c.networks().size(), 3000);
        for (Map.Entry<String, NetworkEndpoint> e : new TreeMap<>(c.networks()).entrySet()) {
            NetworkEndpoint n = e.getValue();
            String ifname = n.mac() != null ? byMac(n.mac()) : null;
            if (ifname == null && !free.isEmpty()) ifname = free.getFirst();
            if (ifname == null) {
                Console.info("network " + e.getKey() + ": no interface" + (n.mac() == null ? "" : " with MAC " + n.mac()));
                continue;
            }
            free.remove(ifname);
            NetIoctl.up(ifname);
            String ip = null;
            String mask = null;
            if (n.ip() != null && !n.ip().isBlank()) {
                String[] parts = n.ip().split("/");
                int prefix = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
                NetIoctl.address(ifname, parts[0], prefix);
                ip = parts[0];
                mask = NetIoctl.mask(prefix);
            }
            if (n.defaultRoute() && n.gateway() != null && !n.gateway().isBlank()) {
                NetIoctl.defaultRoute(n.gateway());
            }
            Console.debug("network " + e.getKey() + " on " + ifname + ": " + n.ip());
            assigned.put(e.getKey(), new NetworkEndpoint(n.common(), n.mac(), n.isStatic(), n.ip(), n.gateway(), n.defaultRoute(),
                    n.nameservers(), n.aliases(), new NetworkEndpoint.Assigned(ip, mask, n.gateway(), n.nameservers())));
        }
        return assigned;
    }

    private static List<String> awaitInterfaces(int wanted, long timeoutMs) {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        while (true) {
            List<String> found = interfaces();
            if (found.size() >= wanted || System.nanoTime() > deadline) return found;
            Poll.pause();
        }
    }

    private static List<String> interfaces() {
        List<String> names = new ArrayList<>();
        try (DirectoryStream<Path> d = Files.newDirectoryStream(Path.of("/sys/class/net"))) {
            for (Path p : d) {
                String n = p.getFileName().toString();
                if (!n.equals("lo")) names.add(n);
            }
        } catch (IOException e) {
            return names;
        }
        names.sort(null);
        return names;
    }

    private static String byMac(String mac) {
        for (String n : interfaces()) {
            try {
                if (Files.readString(Path.of("/sys/class/net", n, "address")).strip().equalsIgnoreCase(mac.toLowerCase(Locale.ROOT))) return n;
            } catch (IOException ignored) {
                // interface went away
            }
        }
        return null;
    }
}
