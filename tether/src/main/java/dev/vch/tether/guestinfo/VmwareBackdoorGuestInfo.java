package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.util.Map;
import java.util.Optional;

/**
 * VMware's guestinfo RPC (the "backdoor": {@code info-get}/{@code info-set} over I/O port 0x5658
 * with magic 0x564D5868). It needs x86 {@code in}/{@code out} instructions with a register
 * protocol, which Java and the FFM API cannot issue without a native helper; this build has none.
 * Known gap: on real ESXi the tether reads its boot config only if the host also provides it some
 * other way. Every call fails with NOT_IMPLEMENTED and says so.
 */
public final class VmwareBackdoorGuestInfo implements GuestInfoChannel {

    static final String MESSAGE = "guestinfo over the VMware backdoor RPC is not implemented in this tether "
            + "(it needs x86 in/out instructions that Java cannot issue); use the vsphere.guestinfo virtio-serial port";

    @Override
    public Optional<String> get(String key) {
        throw new TetherException(TetherException.Kind.NOT_IMPLEMENTED, MESSAGE);
    }

    @Override
    public void set(String key, String value) {
        throw new TetherException(TetherException.Kind.NOT_IMPLEMENTED, MESSAGE);
    }

    @Override
    public Map<String, String> list(String prefix) {
        throw new TetherException(TetherException.Kind.NOT_IMPLEMENTED, MESSAGE);
    }

    @Override
    public void close() {
    }
}
