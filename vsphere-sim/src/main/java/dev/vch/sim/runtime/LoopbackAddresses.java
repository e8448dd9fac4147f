package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Hands out 127.0.0.2, .3, ... to running host-process VMs, lowest free first.
 *
 * <p>Free means free on this machine, not only in this simulator: every address held is backed by
 * an exclusive lock on {@code <tmp>/vsphere-sim-loopback/127.0.0.N.lock}, so simulators running side
 * by side (parallel test runs, a developer's endpoint next to CI) never give two appliances the same
 * address. The kernel drops the lock when the holding process dies, so a crash leaks nothing.
 */
final class LoopbackAddresses {

    private final Path lockDir;
    private final Map<Integer, FileLock> held = new HashMap<>();

    LoopbackAddresses() {
        this(Path.of(System.getProperty("java.io.tmpdir"), "vsphere-sim-loopback"));
    }

    LoopbackAddresses(Path lockDir) {
        this.lockDir = lockDir;
    }

    synchronized String allocate() {
        for (int n = 2; n <= 254; n++) {
            if (tryHold(n)) {
                return "127.0.0." + n;
            }
        }
        throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                "no loopback address left for another host-process VM (127.0.0.2-254 are in use on this machine)");
    }

    /** Marks an address taken (a VM reattached after a restart); false if it already was. */
    synchronized boolean reserve(String address) {
        int n = lastOctet(address);
        return n >= 2 && tryHold(n);
    }

    synchronized void release(String address) {
        int n = lastOctet(address);
        FileLock lock = n >= 2 ? held.remove(n) : null;
        if (lock != null) {
            try {
                lock.channel().close();
            } catch (IOException ignored) {
                // closing releases the lock; nothing else to undo
            }
        }
    }

    private boolean tryHold(int n) {
        if (held.containsKey(n)) {
            return false;
        }
        FileChannel ch = null;
        try {
            Files.createDirectories(lockDir);
            ch = FileChannel.open(lockDir.resolve("127.0.0." + n + ".lock"),
                    StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = ch.tryLock();
            if (lock == null) {
                ch.close();
                return false;
            }
            held.put(n, lock);
            return true;
        } catch (IOException | OverlappingFileLockException e) {
            closeQuietly(ch);
            if (e instanceof IOException io) {
                throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                        "Tried to claim loopback address 127.0.0." + n + " but failed because " + io.getMessage());
            }
            return false;
        }
    }

    private static void closeQuietly(FileChannel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException ignored) {
            // already failing; the first error is the one reported
        }
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
