package dev.vch.tether.config;

import dev.vch.tether.guestinfo.GuestWritable;
import dev.vch.tether.guestinfo.Key;
import java.util.List;

/**
 * One NIC of the containerVM ({@code networks|<network name>}).
 *
 * @param mac the NIC's MAC address (how the tether finds the interface); null = the n-th
 *     interface in key order
 * @param ip the static address with prefix, e.g. {@code 172.16.0.2/16}; null = no address
 * @param defaultRoute true when {@code gateway} is the default route
 * @param aliases names the container answers to on this network (DNS)
 * @param assigned what the guest actually configured (written back)
 */
public record NetworkEndpoint(
        @Key("common") Common common,
        @Key("mac") String mac,
        @Key("static") boolean isStatic,
        @Key("ip") String ip,
        @Key("gateway") String gateway,
        @Key("default") boolean defaultRoute,
        @Key("nameservers") List<String> nameservers,
        @Key("aliases") List<String> aliases,
        @GuestWritable @Key("assigned") Assigned assigned) {

    public NetworkEndpoint {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        aliases = aliases == null ? List.of() : List.copyOf(aliases);
    }

    /** The addresses the guest configured ({@code networks|<n>.assigned.IP} etc.). */
    public record Assigned(@Key("IP") String ip, @Key("Mask") String mask, @Key("gateway") String gateway,
            @Key("dns") List<String> dns) {
    }
}
