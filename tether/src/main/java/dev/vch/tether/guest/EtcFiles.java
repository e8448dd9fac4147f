package dev.vch.tether.guest;

import dev.vch.tether.config.ContainerConfig;
import dev.vch.tether.config.NetworkEndpoint;
import java.util.LinkedHashSet;
import java.util.Set;

/** The contents of /etc/hostname, /etc/hosts and /etc/resolv.conf for a container. */
final class EtcFiles {

    private EtcFiles() {
    }

    static String hostname(ContainerConfig c) {
        if (c.hostname() != null && !c.hostname().isBlank()) return c.hostname();
        return c.id().length() > 12 ? c.id().substring(0, 12) : c.id();
    }

    static String hosts(ContainerConfig c) {
        StringBuilder out = new StringBuilder();
        out.append("127.0.0.1\tlocalhost\n");
        out.append("::1\tlocalhost ip6-localhost ip6-loopback\n");
        String host = hostname(c);
        String fqdn = c.domainname() == null || c.domainname().isBlank() ? host : host + "." + c.domainname() + " " + host;
        boolean ownLine = false;
        for (NetworkEndpoint n : c.networks().values()) {
            if (n.ip() == null || n.ip().isBlank()) continue;
            Set<String> names = new LinkedHashSet<>();
            names.addAll(java.util.Arrays.asList(fqdn.split(" ")));
            names.addAll(n.aliases());
            out.append(address(n.ip())).append('\t').append(String.join(" ", names)).append('\n');
            ownLine = true;
        }
        if (!ownLine) out.append("127.0.1.1\t").append(fqdn).append('\n');
        for (String line : c.hosts()) out.append(line).append('\n');
        return out.toString();
    }

    static String resolvConf(ContainerConfig c) {
        Set<String> servers = new LinkedHashSet<>();
        StringBuilder out = new StringBuilder();
        if (c.dns() != null) servers.addAll(c.dns().nameservers());
        for (NetworkEndpoint n : c.networks().values()) servers.addAll(n.nameservers());
        for (String s : servers) out.append("nameserver ").append(s).append('\n');
        if (c.dns() != null && !c.dns().search().isEmpty()) out.append("search ").append(String.join(" ", c.dns().search())).append('\n');
        if (c.dns() != null && !c.dns().options().isEmpty()) out.append("options ").append(String.join(" ", c.dns().options())).append('\n');
        return out.toString();
    }

    /** {@code 172.16.0.2/16} -> {@code 172.16.0.2}. */
    static String address(String cidr) {
        int slash = cidr.indexOf('/');
        return slash < 0 ? cidr : cidr.substring(0, slash);
    }
}
