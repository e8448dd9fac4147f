package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Which registries may be used and how: the whitelist (VIC's --whitelist-registry) and which
 * hosts are insecure (--insecure-registry; "localhost" counts as 127.0.0.1 for CIDRs).
 */
final class RegistryPolicy {

    private final RegistryConfig config;

    RegistryPolicy(RegistryConfig config) {
        this.config = config;
    }

    /** The host[:port] to talk to for a reference's domain (Docker Hub's API host for docker.io). */
    static String apiHost(String domain) {
        return domain.equals("docker.io") || domain.equals("index.docker.io") ? "registry-1.docker.io" : domain;
    }

    /** FORBIDDEN, in VIC's words, when a whitelist is set and the registry is not on it. */
    void checkAllowed(String domain) {
        if (config.whitelist().isEmpty()) {
            return;
        }
        for (String entry : config.whitelist()) {
            if (matches(entry, domain)) {
                return;
            }
        }
        throw new PortLayerException(PortLayerException.Kind.FORBIDDEN, "Access denied to unauthorized registry ("
                + domain + ") while VCH is in whitelist mode");
    }

    boolean insecure(String domain) {
        for (String entry : config.insecureRegistries()) {
            if (matches(entry, domain)) {
                return true;
            }
        }
        return false;
    }

    /** "host", "host:port", a URL-ish "https://host:port/" or a CIDR, against "host[:port]". */
    static boolean matches(String entry, String domain) {
        String e = entry.trim().replaceFirst("^[a-z]+://", "").replaceFirst("/+$", "");
        if (e.equals(domain) || e.equals(hostOf(domain)) && !e.contains(":")) {
            return true;
        }
        if (e.equals("docker.io") || e.equals("index.docker.io") || e.equals("registry-1.docker.io")) {
            return domain.equals("docker.io");
        }
        int slash = e.indexOf('/');
        if (slash > 0) {
            InetAddress net = literal(e.substring(0, slash));
            InetAddress host = literal(hostOf(domain).equals("localhost") ? "127.0.0.1" : hostOf(domain));
            if (net != null && host != null && net.getAddress().length == host.getAddress().length) {
                int bits = Integer.parseInt(e.substring(slash + 1));
                int len = net.getAddress().length * 8;
                BigInteger mask = BigInteger.ONE.shiftLeft(len).subtract(BigInteger.ONE)
                        .shiftRight(bits).not();
                return new BigInteger(1, net.getAddress()).and(mask)
                        .equals(new BigInteger(1, host.getAddress()).and(mask));
            }
        }
        return false;
    }

    static String hostOf(String domain) {
        if (domain.startsWith("[")) {
            return domain.substring(1, domain.indexOf(']'));
        }
        int colon = domain.lastIndexOf(':');
        return colon < 0 ? domain : domain.substring(0, colon);
    }

    /** An IP literal, never a DNS lookup. */
    private static InetAddress literal(String host) {
        if (!host.matches("[0-9.]+") && !host.contains(":")) {
            return null;
        }
        try {
            return InetAddress.getByName(host);
        } catch (UnknownHostException e) {
            return null;
        }
    }
}
