package dev.vch.tether.guest.sys;

import static dev.vch.tether.guest.sys.Libc.INT;
import static dev.vch.tether.guest.sys.Libc.LONG;
import static dev.vch.tether.guest.sys.Libc.PTR;

import dev.vch.tether.guestinfo.Backdoor;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * The backdoor trap from Java: Java cannot issue {@code in}, so this maps one page of x86-64 machine
 * code, {@code void trap(int32_t regs[6])}, and calls it through an FFM downcall. The code loads
 * EAX, EBX, ECX, EDX, ESI, EDI from {@code regs}, executes {@code in eax, dx} and stores the six
 * registers back (RBX is callee-saved and restored). Port access from user space needs
 * {@code ioperm}, which PID 1 (root) may grant itself; VMware lets the trap through before the CPU's
 * permission check, qemu's vmport emulation after it.
 */
public final class X86Backdoor implements Backdoor {

    /** Assembled from the listing in the class comment; objdump of the same source gives these bytes. */
    private static final byte[] CODE = {
        0x53,                               // push rbx
        0x49, (byte) 0x89, (byte) 0xf8,     // mov r8, rdi
        (byte) 0x8b, 0x07,                  // mov eax, [rdi]
        (byte) 0x8b, 0x5f, 0x04,            // mov ebx, [rdi+4]
        (byte) 0x8b, 0x4f, 0x08,            // mov ecx, [rdi+8]
        (byte) 0x8b, 0x57, 0x0c,            // mov edx, [rdi+12]
        (byte) 0x8b, 0x77, 0x10,            // mov esi, [rdi+16]
        (byte) 0x8b, 0x7f, 0x14,            // mov edi, [rdi+20]
        (byte) 0xed,                        // in eax, dx
        0x41, (byte) 0x89, 0x00,            // mov [r8], eax
        0x41, (byte) 0x89, 0x58, 0x04,      // mov [r8+4], ebx
        0x41, (byte) 0x89, 0x48, 0x08,      // mov [r8+8], ecx
        0x41, (byte) 0x89, 0x50, 0x0c,      // mov [r8+12], edx
        0x41, (byte) 0x89, 0x70, 0x10,      // mov [r8+16], esi
        0x41, (byte) 0x89, 0x78, 0x14,      // mov [r8+20], edi
        0x5b,                               // pop rbx
        (byte) 0xc3                         // ret
    };
    private static final int PROT_READ = 1, PROT_WRITE = 2, PROT_EXEC = 4, MAP_PRIVATE = 2, MAP_ANONYMOUS = 0x20;
    private static final long PAGE = 4096;

    private final MethodHandle trap;

    private X86Backdoor(MethodHandle trap) {
        this.trap = trap;
    }

    /** Grants this process the backdoor port and maps the trap; fails with errno text if either is refused. */
    public static X86Backdoor open() {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment st = Libc.state(a);
            MethodHandle ioperm = Libc.handle("ioperm", FunctionDescriptor.of(INT, LONG, LONG, INT));
            Libc.check((int) ioperm.invokeExact(st, (long) PORT, 1L, 1), st, "ioperm 0x5658");
            MethodHandle mmap = Libc.handle("mmap", FunctionDescriptor.of(PTR, PTR, LONG, INT, INT, INT, LONG));
            MemorySegment page = (MemorySegment) mmap.invokeExact(st, MemorySegment.NULL, PAGE,
                    PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0L);
            Libc.check(page.address(), st, "mmap of the backdoor trap");
            page = page.reinterpret(PAGE);
            MemorySegment.copy(CODE, 0, page, ValueLayout.JAVA_BYTE, 0, CODE.length);
            MethodHandle mprotect = Libc.handle("mprotect", FunctionDescriptor.of(INT, PTR, LONG, INT));
            Libc.check((int) mprotect.invokeExact(st, page, PAGE, PROT_READ | PROT_EXEC), st, "mprotect of the backdoor trap");
            // the page stays mapped for the life of the process: one per tether
            return new X86Backdoor(Libc.LINKER.downcallHandle(page, FunctionDescriptor.ofVoid(PTR)));
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }

    @Override
    public synchronized Registers in(Registers r) {
        try (Arena a = Arena.ofConfined()) {
            MemorySegment regs = a.allocate(ValueLayout.JAVA_INT, 6);
            int[] in = {r.eax(), r.ebx(), r.ecx(), r.edx(), r.esi(), r.edi()};
            MemorySegment.copy(in, 0, regs, ValueLayout.JAVA_INT, 0, 6);
            trap.invokeExact(regs);
            int[] out = regs.toArray(ValueLayout.JAVA_INT);
            return new Registers(out[0], out[1], out[2], out[3], out[4], out[5]);
        } catch (Throwable t) {
            throw Libc.rethrow(t);
        }
    }
}
