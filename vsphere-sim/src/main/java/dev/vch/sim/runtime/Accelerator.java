package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * KVM when it really works, TCG otherwise, probed once per simulator. Opening /dev/kvm is not
 * enough: some sandboxes offer a KVM that runs real-mode code but hangs a Linux kernel and lacks
 * basic CPUID features. The probe runs a 16-byte firmware under {@code -cpu qemu64,enforce} that
 * writes to {@code isa-debug-exit}: qemu exits with 85 only if the guest really ran and the host
 * offers the CPU features every x86-64 KVM host has. {@code -Dvch.sim.accel=kvm|tcg} overrides.
 */
enum Accelerator {
    KVM(List.of("-accel", "kvm", "-cpu", "host")),
    TCG(List.of("-accel", "tcg,tb-size=32"));

    private static final Logger LOG = LoggerFactory.getLogger(Accelerator.class);
    private static volatile Accelerator probed;

    final List<String> qemuArgs;

    Accelerator(List<String> qemuArgs) {
        this.qemuArgs = qemuArgs;
    }

    static Accelerator detect(Path scratchDir) {
        Accelerator a = probed;
        if (a == null) {
            synchronized (Accelerator.class) {
                if (probed == null) {
                    probed = probe(scratchDir);
                    LOG.info("qemu accelerator: {}", probed);
                }
                a = probed;
            }
        }
        return a;
    }

    private static Accelerator probe(Path scratchDir) {
        String forced = System.getProperty("vch.sim.accel", System.getenv().getOrDefault("VCH_SIM_ACCEL", ""));
        if (forced.equalsIgnoreCase("kvm")) return KVM;
        if (forced.equalsIgnoreCase("tcg")) return TCG;
        if (!Files.isWritable(Path.of("/dev/kvm")) && !Files.isReadable(Path.of("/dev/kvm"))) {
            return TCG;
        }
        try {
            Files.createDirectories(scratchDir);
            Path bios = scratchDir.resolve("kvm-probe.bin");
            byte[] image = new byte[65536];
            java.util.Arrays.fill(image, (byte) 0xf4); // hlt
            // at the reset vector: mov al,0x2a; out 0xf4,al; hlt; jmp $-1
            byte[] code = {(byte) 0xb0, 0x2a, (byte) 0xe6, (byte) 0xf4, (byte) 0xf4, (byte) 0xeb, (byte) 0xfd};
            System.arraycopy(code, 0, image, 0xfff0, code.length);
            Files.write(bios, image);
            Process p = new ProcessBuilder(QemuCommand.QEMU, "-accel", "kvm", "-cpu", "qemu64,enforce", "-M", "pc",
                    "-bios", bios.toString(), "-nodefaults", "-no-user-config", "-display", "none",
                    "-device", "isa-debug-exit,iobase=0xf4,iosize=1")
                    .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return TCG;
            }
            return p.exitValue() == 85 ? KVM : TCG;
        } catch (IOException e) {
            LOG.info("KVM probe failed ({}); using TCG", e.toString());
            return TCG;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return TCG;
        }
    }
}
