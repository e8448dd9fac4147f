package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Guestinfo through VMware's RPCI ({@code info-get}/{@code info-set}) over the backdoor port: how a
 * containerVM on real ESXi reads its configuration and writes its state back. One RPCI channel per
 * call, as open-vm-tools' {@code RpcOut_sendOne} does. The RPC cannot enumerate keys, so
 * {@link #list} is refused and the boot configuration is read key by key ({@link #asMap}).
 */
public final class VmwareBackdoorGuestInfo implements GuestInfoChannel {

    private static final String NOT_FOUND = "No value found";

    private final Backdoor backdoor;

    public VmwareBackdoorGuestInfo(Backdoor backdoor) {
        this.backdoor = backdoor;
    }

    @Override
    public synchronized Optional<String> get(String key) {
        String reply = call("info-get " + key);
        if (reply.startsWith("1 ")) return Optional.of(reply.substring(2));
        if (reply.equals("1")) return Optional.of("");
        if (reply.startsWith("0 " + NOT_FOUND)) return Optional.empty();
        throw RpciChannel.failed("read " + key, "the host answered \"" + reply + "\"");
    }

    @Override
    public synchronized void set(String key, String value) {
        String reply = call("info-set " + key + " " + value);
        if (!reply.startsWith("1")) {
            throw RpciChannel.failed("write " + key, "the host answered \"" + reply + "\"");
        }
    }

    @Override
    public Map<String, String> list(String prefix) {
        throw new TetherException(TetherException.Kind.NOT_IMPLEMENTED,
                "Tried to list guestinfo keys under " + prefix + " but failed because VMware's guestinfo RPC has no way to enumerate keys");
    }

    /**
     * The VM's guestinfo as a read-only map whose lookups are {@code info-get} calls: what the
     * extraConfig decoder needs (it asks for the keys its records name, never iterates).
     */
    public Map<String, String> asMap() {
        return new AbstractMap<>() {
            @Override
            public String get(Object key) {
                return key instanceof String k ? VmwareBackdoorGuestInfo.this.get(k).orElse(null) : null;
            }

            @Override
            public boolean containsKey(Object key) {
                return get(key) != null;
            }

            @Override
            public Set<Entry<String, String>> entrySet() {
                throw new TetherException(TetherException.Kind.NOT_IMPLEMENTED,
                        "VMware's guestinfo RPC has no way to enumerate keys");
            }
        };
    }

    @Override
    public void close() {
    }

    private String call(String request) {
        try (RpciChannel channel = RpciChannel.open(backdoor)) {
            return channel.call(request);
        }
    }
}
