package dev.vch.sim.runtime;

import java.util.BitSet;

/** Hands out 127.0.0.2, .3, ... to running host-process VMs, lowest free first. */
final class LoopbackAddresses {

    private final BitSet used = new BitSet();

    synchronized String allocate() {
        int n = used.nextClearBit(2);
        if (n > 254) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                    "no loopback address left for another host-process VM (127.0.0.2-254 are in use)");
        }
        used.set(n);
        return "127.0.0." + n;
    }

    /** Marks an address taken (a VM reattached after a restart); false if it already was. */
    synchronized boolean reserve(String address) {
        int n = lastOctet(address);
        if (n < 2 || used.get(n)) {
            return false;
        }
        used.set(n);
        return true;
    }

    synchronized void release(String address) {
        int n = lastOctet(address);
        if (n >= 2) used.clear(n);
    }

    private static int lastOctet(String address) {
        if (address == null || !address.startsWith("127.0.0.")) return -1;
        try {
            int n = Integer.parseInt(address.substring("127.0.0.".length()));
            return n >= 0 && n <= 254 ? n : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
