package dev.vch.appliance;

import dev.vch.portlayer.registry.RegistryConfig;
import dev.vch.vsphere.api.vch.VchConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The VCH's registry settings (vic-machine create's registry options) as the port layer's client takes them. */
final class RegistrySettings {

    private RegistrySettings() {
    }

    static RegistryConfig from(VchConfig.VchRegistry r) {
        if (r == null) {
            return RegistryConfig.DEFAULT;
        }
        Set<String> insecure = new HashSet<>(r.insecureRegistries());
        insecure.add(RegistryConfig.LOOPBACK); // as dockerd: registries on the VCH itself
        List<String> cas = r.registryCasPem() == null || r.registryCasPem().isBlank() ? List.of()
                : List.of(r.registryCasPem());
        return new RegistryConfig(insecure, cas, r.whitelist(), RegistryConfig.DEFAULT.retryBaseDelay(),
                RegistryConfig.DEFAULT.attempts());
    }
}
