package dev.vch.tether.guestinfo;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The hypervisor's side of the backdoor message channel, as open-vm-tools' lib/message expects it:
 * channels with cookies, four bytes per trap each way, RPCI commands {@code info-get} and
 * {@code info-set} over a key map. Counts traps so tests can see the per-call channel.
 */
final class FakeVmx implements Backdoor {

    final Map<String, String> guestInfo = new HashMap<>();
    int version = 6;
    boolean refuseOpen;
    int opened;
    int closed;
    private final Map<Integer, Chan> channels = new HashMap<>();
    private int nextId = 3;

    private static final class Chan {
        final int cookieHigh = 0x1234_0000, cookieLow = 0x0000_abcd;
        int sendSize = -1;
        final ByteArrayOutputStream request = new ByteArrayOutputStream();
        byte[] reply;
        int replyPos;
    }

    @Override
    public Registers in(Registers r) {
        if (r.eax() != MAGIC || (r.edx() & 0xffff) != PORT) return new Registers(-1, r.ebx(), r.ecx(), r.edx(), r.esi(), r.edi());
        int cmd = r.ecx() & 0xffff;
        if (cmd == CMD_GETVERSION) return new Registers(version, MAGIC, 0, r.edx(), r.esi(), r.edi());
        if (cmd != CMD_MESSAGE) return r;
        int type = r.ecx() >>> 16;
        if (type == RpciChannel.TYPE_OPEN) {
            if (refuseOpen || r.ebx() != (RpciChannel.RPCI_PROTOCOL | RpciChannel.FLAG_COOKIE)) return status(r, 0, r.ebx());
            int id = nextId++;
            Chan c = new Chan();
            channels.put(id, c);
            opened++;
            return new Registers(r.eax(), 0, RpciChannel.STATUS_SUCCESS << 16, id << 16 | PORT, c.cookieHigh, c.cookieLow);
        }
        Chan c = channels.get(r.edx() >>> 16);
        if (c == null || r.esi() != c.cookieHigh || r.edi() != c.cookieLow) return status(r, 0, 0);
        switch (type) {
            case RpciChannel.TYPE_SENDSIZE -> {
                c.sendSize = r.ebx();
                c.request.reset();
                return ok(r, 0);
            }
            case RpciChannel.TYPE_SENDPAYLOAD -> {
                for (int b = 0; b < 4 && c.request.size() < c.sendSize; b++) c.request.write(r.ebx() >>> (8 * b));
                if (c.request.size() == c.sendSize) {
                    c.reply = handle(c.request.toString(StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                    c.replyPos = 0;
                }
                return ok(r, 0);
            }
            case RpciChannel.TYPE_RECVSIZE -> {
                return status(r, RpciChannel.STATUS_SUCCESS | RpciChannel.STATUS_DORECV, c.reply.length);
            }
            case RpciChannel.TYPE_RECVPAYLOAD -> {
                int word = 0;
                for (int b = 0; b < 4 && c.replyPos < c.reply.length; b++) word |= (c.reply[c.replyPos++] & 0xff) << (8 * b);
                return ok(r, word);
            }
            case RpciChannel.TYPE_RECVSTATUS -> {
                return ok(r, 0);
            }
            case RpciChannel.TYPE_CLOSE -> {
                channels.remove(r.edx() >>> 16);
                closed++;
                return ok(r, 0);
            }
            default -> {
                return status(r, 0, 0);
            }
        }
    }

    private String handle(String request) {
        if (request.startsWith("info-get ")) {
            String v = guestInfo.get(request.substring("info-get ".length()));
            return v == null ? "0 No value found" : "1 " + v;
        }
        if (request.startsWith("info-set ")) {
            String rest = request.substring("info-set ".length());
            int sp = rest.indexOf(' ');
            if (sp < 0) return "0 Two and exactly two arguments expected";
            guestInfo.put(rest.substring(0, sp), rest.substring(sp + 1));
            return "1 ";
        }
        return "0 Unknown command";
    }

    private static Registers ok(Registers r, int ebx) {
        return status(r, RpciChannel.STATUS_SUCCESS, ebx);
    }

    private static Registers status(Registers r, int status, int ebx) {
        return new Registers(r.eax(), ebx, status << 16, r.edx(), r.esi(), r.edi());
    }
}
