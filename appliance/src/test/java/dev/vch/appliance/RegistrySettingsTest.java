package dev.vch.appliance;

import dev.vch.portlayer.registry.RegistryConfig;
import dev.vch.vsphere.api.vch.VchConfig;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class RegistrySettingsTest {

    @Test
    void carriesVicMachinesRegistryOptionsToTheClient() {
        RegistryConfig c = RegistrySettings.from(new VchConfig.VchRegistry(List.of("reg.local:5000"),
                "-----BEGIN CERTIFICATE-----\n...", List.of("10.0.0.0/8")));

        assertThat(c.insecureRegistries()).containsExactlyInAnyOrder("reg.local:5000", RegistryConfig.LOOPBACK);
        assertThat(c.caCertificatesPem()).hasSize(1);
        assertThat(c.whitelist()).containsExactly("10.0.0.0/8");
    }

    @Test
    void noSettingsMeansDockersDefaults() {
        assertThat(RegistrySettings.from(null)).isEqualTo(RegistryConfig.DEFAULT);
        assertThat(RegistrySettings.from(new VchConfig.VchRegistry(List.of(), null)).caCertificatesPem()).isEmpty();
    }
}
