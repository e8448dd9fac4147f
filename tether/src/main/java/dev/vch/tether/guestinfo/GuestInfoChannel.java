package dev.vch.tether.guestinfo;

import java.util.Map;
import java.util.Optional;

/**
 * Live access to the VM's {@code guestinfo.*} keys from inside the guest: the embedded endpoint's
 * virtio-serial line protocol ({@link LineGuestInfoChannel}), or VMware's backdoor RPC on real ESXi
 * ({@link VmwareBackdoorGuestInfo}).
 */
public interface GuestInfoChannel extends AutoCloseable {

    Optional<String> get(String key);

    /** Sets a key; an empty value removes it (as vSphere does). */
    void set(String key, String value);

    /** All keys starting with {@code prefix}. */
    Map<String, String> list(String prefix);

    @Override
    void close();
}
