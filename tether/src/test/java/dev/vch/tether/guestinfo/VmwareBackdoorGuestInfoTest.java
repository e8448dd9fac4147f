package dev.vch.tether.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.TetherException;
import org.junit.jupiter.api.Test;

class VmwareBackdoorGuestInfoTest {

    final FakeVmx vmx = new FakeVmx();
    final VmwareBackdoorGuestInfo channel = new VmwareBackdoorGuestInfo(vmx);

    @Test
    void readsAndWritesKeysOneChannelPerCall() {
        vmx.guestInfo.put("guestinfo.vice./common/name", "web");
        vmx.guestInfo.put("guestinfo.empty", "");
        assertThat(channel.get("guestinfo.vice./common/name")).contains("web");
        assertThat(channel.get("guestinfo.empty")).contains("");
        assertThat(channel.get("guestinfo.missing")).isEmpty();
        // lengths that are not a multiple of the 4-byte payload word, non-ASCII, spaces in the value
        channel.set("guestinfo.vice..sessions|ab.started", "prêt à l'emploi x");
        assertThat(vmx.guestInfo).containsEntry("guestinfo.vice..sessions|ab.started", "prêt à l'emploi x");
        assertThat(vmx.opened).isEqualTo(4);
        assertThat(vmx.closed).isEqualTo(4);
    }

    @Test
    void decodesABootConfigurationKeyByKey() {
        vmx.guestInfo.putAll(ExtraConfigCodec.encode(ExtraConfigCodecTest.sample()));
        ExtraConfigCodecTest.Everything back = ExtraConfigCodec.decode(ExtraConfigCodecTest.Everything.class, channel.asMap());
        assertThat(back).usingRecursiveComparison().isEqualTo(ExtraConfigCodecTest.sample());
    }

    @Test
    void aHypervisorWithoutTheRpcIsAClearError() {
        assertThat(Backdoor.version(vmx)).isEqualTo(6);
        vmx.refuseOpen = true;
        assertThatThrownBy(() -> channel.get("guestinfo.a")).isInstanceOf(TetherException.class)
                .hasMessageContaining("Tried to open an RPCI channel over the VMware backdoor but failed because the hypervisor refused it");
        assertThatThrownBy(() -> channel.list("guestinfo.")).hasMessageContaining("no way to enumerate keys");
        Backdoor nothing = r -> new Backdoor.Registers(-1, -1, -1, -1, -1, -1);
        assertThat(Backdoor.version(nothing)).isEqualTo(-1);
    }
}
