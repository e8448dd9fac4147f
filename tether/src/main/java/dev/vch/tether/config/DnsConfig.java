package dev.vch.tether.config;

import dev.vch.tether.guestinfo.Key;
import java.util.List;

/** /etc/resolv.conf of the container (nameservers of the networks are appended after these). */
public record DnsConfig(@Key("nameservers") List<String> nameservers, @Key("search") List<String> search,
        @Key("options") List<String> options) {

    public DnsConfig {
        nameservers = nameservers == null ? List.of() : List.copyOf(nameservers);
        search = search == null ? List.of() : List.copyOf(search);
        options = options == null ? List.of() : List.copyOf(options);
    }
}
