package dev.vch.tether.guestinfo;

import dev.vch.tether.TetherException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * One RPCI exchange over the backdoor's low-bandwidth message channel (open-vm-tools'
 * {@code Message_Open/Send/Receive/Close}): the guest opens a channel for protocol "RPCI", sends a
 * command such as {@code info-get guestinfo.x} four bytes per trap, reads the reply the same way and
 * closes the channel. A reply starts with "1 " on success and "0 " on failure.
 */
final class RpciChannel implements AutoCloseable {

    static final int RPCI_PROTOCOL = 0x49435052;
    static final int FLAG_COOKIE = 0x80000000;
    static final int TYPE_OPEN = 0, TYPE_SENDSIZE = 1, TYPE_SENDPAYLOAD = 2, TYPE_RECVSIZE = 3, TYPE_RECVPAYLOAD = 4,
            TYPE_RECVSTATUS = 5, TYPE_CLOSE = 6;
    static final int STATUS_SUCCESS = 0x1, STATUS_DORECV = 0x2;
    /** Guestinfo values are small; anything bigger than this is a confused host, not data. */
    static final int MAX_REPLY = 1 << 20;

    private final Backdoor backdoor;
    private final int id;
    private final int cookieHigh;
    private final int cookieLow;

    private RpciChannel(Backdoor backdoor, int id, int cookieHigh, int cookieLow) {
        this.backdoor = backdoor;
        this.id = id;
        this.cookieHigh = cookieHigh;
        this.cookieLow = cookieLow;
    }

    static RpciChannel open(Backdoor backdoor) {
        Backdoor.Registers r = backdoor.in(new Backdoor.Registers(Backdoor.MAGIC, RPCI_PROTOCOL | FLAG_COOKIE,
                command(TYPE_OPEN), Backdoor.PORT, 0, 0));
        if ((status(r) & STATUS_SUCCESS) == 0) {
            throw failed("open an RPCI channel", "the hypervisor refused it (status 0x" + Integer.toHexString(status(r))
                    + "); is this a VMware VM?");
        }
        return new RpciChannel(backdoor, r.edx() >>> 16, r.esi(), r.edi());
    }

    /** Sends {@code request} and returns the reply (empty if the host sends none). */
    String call(String request) {
        byte[] out = request.getBytes(StandardCharsets.UTF_8);
        check(trap(TYPE_SENDSIZE, out.length), "send the size of \"" + verb(request) + "\"");
        for (int i = 0; i < out.length; i += 4) {
            int word = 0;
            for (int b = 0; b < 4 && i + b < out.length; b++) word |= (out[i + b] & 0xff) << (8 * b);
            check(trap(TYPE_SENDPAYLOAD, word), "send \"" + verb(request) + "\"");
        }
        Backdoor.Registers size = trap(TYPE_RECVSIZE, 0);
        check(size, "read the reply size of \"" + verb(request) + "\"");
        if ((status(size) & STATUS_DORECV) == 0) return "";
        int n = size.ebx();
        if (n < 0 || n > MAX_REPLY) {
            throw failed("read the reply to \"" + verb(request) + "\"", "the host announced " + Integer.toUnsignedString(n)
                    + " bytes (more than " + MAX_REPLY + ")");
        }
        ByteArrayOutputStream in = new ByteArrayOutputStream(n);
        for (int i = 0; i < n; i += 4) {
            Backdoor.Registers r = trap(TYPE_RECVPAYLOAD, STATUS_SUCCESS);
            check(r, "read the reply to \"" + verb(request) + "\"");
            for (int b = 0; b < 4 && i + b < n; b++) in.write(r.ebx() >>> (8 * b));
        }
        check(trap(TYPE_RECVSTATUS, STATUS_SUCCESS), "acknowledge the reply to \"" + verb(request) + "\"");
        return in.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        trap(TYPE_CLOSE, 0);
    }

    private Backdoor.Registers trap(int type, int ebx) {
        return backdoor.in(new Backdoor.Registers(Backdoor.MAGIC, ebx, command(type), (id << 16) | Backdoor.PORT,
                cookieHigh, cookieLow));
    }

    private static int command(int type) {
        return (type << 16) | Backdoor.CMD_MESSAGE;
    }

    private static int status(Backdoor.Registers r) {
        return r.ecx() >>> 16;
    }

    private static void check(Backdoor.Registers r, String what) {
        if ((status(r) & STATUS_SUCCESS) == 0) {
            throw failed(what, "the hypervisor answered status 0x" + Integer.toHexString(status(r)));
        }
    }

    /** The command word only: values may be secrets and never go into messages. */
    private static String verb(String request) {
        int sp = request.indexOf(' ');
        int sp2 = sp < 0 ? -1 : request.indexOf(' ', sp + 1);
        return sp2 < 0 ? request : request.substring(0, sp2);
    }

    static TetherException failed(String what, String why) {
        return new TetherException(TetherException.Kind.UNAVAILABLE,
                "Tried to " + what + " over the VMware backdoor but failed because " + why);
    }
}
