package dev.vch.sim.runtime;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.DatagramChannel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One portgroup's L2 segment: a learning Ethernet switch in user space. Every member (a qemu
 * {@code -netdev dgram} NIC, or any host-side endpoint that speaks the same thing) is a UDP
 * endpoint on loopback that sends and receives one raw Ethernet frame per datagram. Frames from
 * endpoints that are not attached are dropped, so portgroups stay isolated even on a shared
 * loopback. Broadcast, multicast and unknown unicast go to every other member; known unicast
 * only to the member that owns the MAC.
 */
final class PortgroupSwitch implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortgroupSwitch.class);
    private static final int MAX_FRAME = 65536;

    private final String portgroup;
    private final DatagramChannel channel;
    private final Set<SocketAddress> members = ConcurrentHashMap.newKeySet();
    private final Map<Long, SocketAddress> macTable = new ConcurrentHashMap<>();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong forwarded = new AtomicLong();
    private final Thread receiver;

    /** Binds 127.0.0.1:{@code preferredPort}, or any free port when that is 0 or taken. */
    PortgroupSwitch(String portgroup, int preferredPort) throws IOException {
        this.portgroup = portgroup;
        this.channel = bind(preferredPort);
        this.receiver = Thread.ofVirtual().name("switch-" + portgroup).start(this::run);
    }

    private static DatagramChannel bind(int preferredPort) throws IOException {
        DatagramChannel ch = DatagramChannel.open(StandardProtocolFamily.INET);
        InetAddress lo = InetAddress.getLoopbackAddress();
        try {
            ch.bind(new InetSocketAddress(lo, preferredPort));
        } catch (IOException e) {
            if (preferredPort == 0) {
                ch.close();
                throw e;
            }
            ch.bind(new InetSocketAddress(lo, 0));
        }
        return ch;
    }

    String portgroup() {
        return portgroup;
    }

    int port() {
        try {
            return ((InetSocketAddress) channel.getLocalAddress()).getPort();
        } catch (IOException e) {
            throw new IllegalStateException("switch of " + portgroup + " is closed", e);
        }
    }

    void attach(InetSocketAddress endpoint) {
        members.add(endpoint);
    }

    void detach(InetSocketAddress endpoint) {
        members.remove(endpoint);
        macTable.values().removeIf(endpoint::equals);
    }

    int memberCount() {
        return members.size();
    }

    long dropped() {
        return dropped.get();
    }

    long forwarded() {
        return forwarded.get();
    }

    private void run() {
        ByteBuffer buf = ByteBuffer.allocateDirect(MAX_FRAME);
        while (channel.isOpen()) {
            SocketAddress from;
            try {
                buf.clear();
                from = channel.receive(buf);
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                LOG.warn("switch {} receive failed: {}", portgroup, e.toString());
                continue;
            }
            buf.flip();
            if (from == null || buf.remaining() < 14 || !members.contains(from)) {
                dropped.incrementAndGet();
                continue;
            }
            long dst = mac(buf, 0);
            long src = mac(buf, 6);
            if ((src & 0x0100_0000_0000L) == 0) { // never learn a multicast source
                macTable.put(src, from);
            }
            boolean group = (dst & 0x0100_0000_0000L) != 0; // I/G bit: broadcast or multicast
            SocketAddress owner = group ? null : macTable.get(dst);
            if (owner != null) {
                if (!owner.equals(from)) {
                    send(buf, owner);
                }
            } else {
                for (SocketAddress m : members) {
                    if (!m.equals(from)) {
                        send(buf, m);
                    }
                }
            }
        }
    }

    private void send(ByteBuffer frame, SocketAddress to) {
        try {
            channel.send(frame.duplicate(), to);
            forwarded.incrementAndGet();
        } catch (IOException e) {
            // a member whose qemu is gone: ICMP port unreachable shows up here; frames are best effort
            dropped.incrementAndGet();
        }
    }

    private static long mac(ByteBuffer b, int offset) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (b.get(b.position() + offset + i) & 0xff);
        }
        return v;
    }

    @Override
    public void close() {
        try {
            channel.close();
            // the socket is released only once the receiving thread has left receive(); wait for
            // it so that a switch opened right after (a restart in the same JVM) gets the same port
            receiver.join(java.time.Duration.ofSeconds(5));
        } catch (IOException e) {
            LOG.debug("closing switch {}: {}", portgroup, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
