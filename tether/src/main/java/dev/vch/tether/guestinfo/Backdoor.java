package dev.vch.tether.guestinfo;

/**
 * VMware's backdoor port: the hypervisor traps a 32-bit {@code in} from I/O port 0x5658 with the
 * magic 0x564D5868 in EAX and answers in the general registers. The guest agent implements it with a
 * few bytes of machine code ({@code dev.vch.tether.guest.sys.X86Backdoor}); tests use a fake VMX.
 */
public interface Backdoor {

    int MAGIC = 0x564D5868;
    int PORT = 0x5658;
    int CMD_GETVERSION = 10;
    int CMD_MESSAGE = 30;

    /** One trapped {@code in eax, dx}: the registers going in, the registers the hypervisor left. */
    Registers in(Registers r);

    record Registers(int eax, int ebx, int ecx, int edx, int esi, int edi) {
    }

    /**
     * The backdoor's version if a hypervisor answers GETVERSION (EBX comes back as the magic),
     * -1 otherwise. Harmless to ask anywhere the port is accessible.
     */
    static int version(Backdoor b) {
        Registers r = b.in(new Registers(MAGIC, ~MAGIC, CMD_GETVERSION, PORT, 0, 0));
        return r.ebx() == MAGIC && r.eax() != -1 ? r.eax() : -1;
    }
}
