package dev.vch.tether.guest.sys;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * IPv4 interface setup with the classic ioctls (SIOCSIFADDR, SIOCSIFNETMASK, SIOCSIFFLAGS,
 * SIOCADDRT) on an AF_INET datagram socket: enough for static addresses and a default route,
 * with far less code than rtnetlink.
 */
public final class NetIoctl {

    static final long SIOCADDRT = 0x890B, SIOCGIFFLAGS = 0x8913, SIOCSIFFLAGS = 0x8914, SIOCSIFADDR = 0x8916,
            SIOCSIFNETMASK = 0x891C;
    static final int AF_INET = 2, SOCK_DGRAM = 2, IFF_UP = 1, RTF_UP = 1, RTF_GATEWAY = 2;

    private NetIoctl() {
    }

    public static void up(String ifname) {
        int s = Sys.socket(AF_INET, SOCK_DGRAM, 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(a, ifname);
            Sys.ioctl(s, SIOCGIFFLAGS, ifr, "SIOCGIFFLAGS " + ifname);
            short flags = ifr.get(ValueLayout.JAVA_SHORT, 16);
            ifr.set(ValueLayout.JAVA_SHORT, 16, (short) (flags | IFF_UP));
            Sys.ioctl(s, SIOCSIFFLAGS, ifr, "SIOCSIFFLAGS " + ifname);
        } finally {
            Sys.close(s);
        }
    }

    /** Sets {@code address}/{@code prefix} on the interface. */
    public static void address(String ifname, String address, int prefix) {
        int s = Sys.socket(AF_INET, SOCK_DGRAM, 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment ifr = ifreq(a, ifname);
            sockaddr(ifr, 16, ipv4(address));
            Sys.ioctl(s, SIOCSIFADDR, ifr, "SIOCSIFADDR " + ifname + " " + address);
            ifr = ifreq(a, ifname);
            sockaddr(ifr, 16, maskBytes(prefix));
            Sys.ioctl(s, SIOCSIFNETMASK, ifr, "SIOCSIFNETMASK " + ifname + " /" + prefix);
        } finally {
            Sys.close(s);
        }
    }

    public static void defaultRoute(String gateway) {
        int s = Sys.socket(AF_INET, SOCK_DGRAM, 0);
        try (Arena a = Arena.ofConfined()) {
            MemorySegment rt = a.allocate(120);
            sockaddr(rt, 8, new byte[4]);          // rt_dst 0.0.0.0
            sockaddr(rt, 24, ipv4(gateway));       // rt_gateway
            sockaddr(rt, 40, new byte[4]);         // rt_genmask 0.0.0.0
            rt.set(ValueLayout.JAVA_SHORT, 56, (short) (RTF_UP | RTF_GATEWAY));
            Sys.ioctl(s, SIOCADDRT, rt, "SIOCADDRT default via " + gateway);
        } finally {
            Sys.close(s);
        }
    }

    /** Dotted mask of a prefix length: 16 -> 255.255.0.0. */
    public static String mask(int prefix) {
        byte[] b = maskBytes(prefix);
        return (b[0] & 0xff) + "." + (b[1] & 0xff) + "." + (b[2] & 0xff) + "." + (b[3] & 0xff);
    }

    static byte[] maskBytes(int prefix) {
        int m = prefix == 0 ? 0 : -1 << (32 - prefix);
        return new byte[] {(byte) (m >>> 24), (byte) (m >>> 16), (byte) (m >>> 8), (byte) m};
    }

    private static MemorySegment ifreq(Arena a, String ifname) {
        MemorySegment ifr = a.allocate(40);
        byte[] name = ifname.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        MemorySegment.copy(name, 0, ifr, ValueLayout.JAVA_BYTE, 0, Math.min(name.length, 15));
        return ifr;
    }

    private static void sockaddr(MemorySegment seg, long at, byte[] ipv4) {
        seg.set(ValueLayout.JAVA_SHORT, at, (short) AF_INET);
        MemorySegment.copy(ipv4, 0, seg, ValueLayout.JAVA_BYTE, at + 4, 4);
    }

    static byte[] ipv4(String literal) {
        try {
            if (!literal.matches("\\d{1,3}(\\.\\d{1,3}){3}")) throw new IllegalArgumentException("not an IPv4 address: " + literal);
            InetAddress a = InetAddress.getByName(literal);
            if (!(a instanceof Inet4Address)) throw new IllegalArgumentException("not an IPv4 address: " + literal);
            return a.getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("not an IPv4 address: " + literal, e);
        }
    }
}
