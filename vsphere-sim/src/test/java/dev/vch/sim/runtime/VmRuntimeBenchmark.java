package dev.vch.sim.runtime;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Prints the VM runtime figures of docs/benchmarks-vm-runtime.md: power-on call to qemu running,
 * qemu start to the guest's /init and to its first guestinfo RPC, idle qemu RSS, power-off, the
 * host-process power-on, and a machine-type comparison. Not a test: run
 * {@code vsphere-sim/bench/runtime-run.sh [runs]}.
 */
public final class VmRuntimeBenchmark {

    private static final String MARKER = "VCH-TEST-INIT";

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path iso = TestGuestImages.guestIso();
        Path state = Files.createTempDirectory("vch-runtime-bench");
        System.out.printf("VM runtime benchmark: %d runs, %s, accelerator %s%n", runs, Runtime.version(),
                Accelerator.detect(state.resolve("probe")));
        List<Double> call = new ArrayList<>(), prepare = new ArrayList<>(), qemuStart = new ArrayList<>(),
                toInit = new ArrayList<>(), toRpc = new ArrayList<>(), rss = new ArrayList<>(), off = new ArrayList<>();
        try (VmRuntimes runtimes = VmRuntimes.create(state)) {
            for (int i = -1; i < runs; i++) { // run -1 warms the ISO cache and the KVM probe
                String id = "bench-" + (i + 1);
                Path console = state.resolve(id).resolve("console.log");
                MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "idle"));
                VmLaunch launch = new VmLaunch(id, id, state.resolve(id), 1, 256, iso, List.of(),
                        List.of(new NicAttachment("bench", null, "vmxnet3")),
                        List.of(new SerialAttachment(0, null, null, console)), store);
                long t0 = System.nanoTime();
                QemuVm vm = (QemuVm) runtimes.powerOn(launch);
                long t1 = System.nanoTime();
                QemuVm.StartTimes st = vm.startTimes;
                long init = awaitConsole(console, MARKER, 120);
                ItSupport.awaitWrite(store, "guestinfo.test.ready", "1", 120, console);
                long rpc = System.nanoTime();
                Thread.sleep(2000); // let the guest go idle before reading RSS
                double rssMb = rssMb(vm.pid());
                long o0 = System.nanoTime();
                vm.powerOff();
                long o1 = System.nanoTime();
                if (i < 0) continue;
                call.add(ms(t1 - t0));
                prepare.add(ms(st.processStarted() - t0));
                qemuStart.add(ms(st.qmpReady() - st.processStarted()));
                toInit.add(ms(init - st.processStarted()));
                toRpc.add(ms(rpc - st.processStarted()));
                rss.add(rssMb);
                off.add(ms(o1 - o0));
            }
            print("powerOn() call until QMP answers (total)", call, "ms");
            print("  of which ours: call until qemu is exec'd", prepare, "ms");
            print("  of which qemu's own start: exec until QMP answers", qemuStart, "ms");
            print("qemu exec until guest /init prints", toInit, "ms");
            print("qemu exec until the guest's first guestinfo set", toRpc, "ms");
            print("idle qemu RSS (256 MB guest, tb-size=32 under TCG)", rss, "MB");
            print("powerOff() (QMP quit until exit)", off, "ms");
            hostProcess(runtimes, state, runs);
        }
        machineTypes(iso, state, runs);
        FileTrees.deleteQuietly(state);
    }

    private static void hostProcess(VmRuntimes runtimes, Path state, int runs) throws Exception {
        Path iso = TestGuestImages.hostProcessIso("#!/bin/sh\ntrap 'exit 0' TERM\nwhile true; do sleep 1; done\n");
        List<Double> call = new ArrayList<>();
        for (int i = -1; i < runs; i++) {
            String id = "hp-" + (i + 1);
            VmLaunch launch = new VmLaunch(id, id, state.resolve(id), 1, 64, iso, List.of(), List.of(), List.of(),
                    new MapGuestInfoStore(Map.of()));
            long t0 = System.nanoTime();
            RunningVm vm = runtimes.powerOn(launch);
            long t1 = System.nanoTime();
            vm.powerOff();
            if (i >= 0) call.add(ms(t1 - t0));
        }
        print("host-process powerOn() call until the process runs", call, "ms");
    }

    /**
     * The same guest and devices (pvscsi, vmxnet3, virtio-serial, fw_cfg) under q35, pc and
     * microvm (pcie=on; the CD-ROM left out as microvm has no AHCI; tsc_early_khz as microvm needs
     * under TCG): qemu exec until the guest's /init prints. The guest then waits for a guestinfo
     * host that is not there, so each run is killed after the marker.
     */
    private static void machineTypes(Path iso, Path state, int runs) throws Exception {
        IsoCache.DirectBoot boot = (IsoCache.DirectBoot) new IsoCache(state.resolve("mt-cache")).inspect(iso);
        Path dir = Files.createDirectories(state.resolve("mt"));
        Path disk = dir.resolve("disk.vmdk");
        TestGuestImages.run(dir, List.of("qemu-img", "create", "-q", "-f", "vmdk", disk.toString(), "64M"));
        Files.writeString(dir.resolve("gi"), "guestinfo.test.mode=idle\n");
        Map<String, List<Double>> results = new java.util.LinkedHashMap<>();
        String tsc = tscKhz();
        for (int i = 0; i < runs; i++) {
            for (String machine : List.of("q35", "pc", "microvm,pcie=on,rtc=on")) {
                String append = boot.append() + (machine.startsWith("microvm") && tsc != null ? " tsc_early_khz=" + tsc : "");
                Path console = dir.resolve("console-" + i + "-" + machine.split(",")[0]);
                List<String> cmd = List.of(QemuCommand.QEMU, "-machine", machine, "-accel", "tcg,tb-size=32", "-m", "256M",
                        "-nodefaults", "-no-user-config", "-nographic", "-kernel", boot.kernel().toString(),
                        "-initrd", boot.initrds().getFirst().toString(), "-append", append,
                        "-chardev", "file,id=con,path=" + console, "-device", "isa-serial,chardev=con",
                        "-drive", "if=none,id=d0,format=vmdk,file=" + disk, "-device", "pvscsi,id=s0",
                        "-device", "scsi-hd,bus=s0.0,scsi-id=0,drive=d0",
                        "-netdev", "dgram,id=n0,local.type=inet,local.host=127.0.0.1,local.port=" + Switches.freeUdpPort()
                                + ",remote.type=inet,remote.host=127.0.0.1,remote.port=9",
                        "-device", "vmxnet3,netdev=n0,romfile=", "-fw_cfg", "name=opt/vsphere/guestinfo,file=" + dir.resolve("gi"),
                        "-device", "virtio-serial-pci,id=vser", "-chardev", "socket,id=gi,path=" + dir.resolve("gi.sock") + ",server=off,reconnect=1",
                        "-device", "virtserialport,bus=vser.0,chardev=gi,name=vsphere.guestinfo");
                long t0 = System.nanoTime();
                Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                try {
                    long init = awaitConsole(console, MARKER, 120);
                    results.computeIfAbsent(machine, k -> new ArrayList<>()).add(ms(init - t0));
                } finally {
                    p.destroyForcibly();
                    p.waitFor(10, TimeUnit.SECONDS);
                }
            }
        }
        results.forEach((m, v) -> print("machine " + m + ": qemu exec until /init", v, "ms"));
    }

    private static String tscKhz() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
            if (line.startsWith("cpu MHz")) {
                return String.valueOf(Math.round(Double.parseDouble(line.substring(line.indexOf(':') + 1).strip()) * 1000));
            }
        }
        return null;
    }

    /** Polls the console file (a benchmark may poll; tests await events). */
    private static long awaitConsole(Path console, String marker, int seconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (System.nanoTime() < deadline) {
            if (Files.exists(console) && Files.readString(console, StandardCharsets.ISO_8859_1).contains(marker)) {
                return System.nanoTime();
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("no " + marker + " on " + console + " within " + seconds + " s");
    }

    private static double rssMb(long pid) throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc", String.valueOf(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
            }
        }
        return Double.NaN;
    }

    private static double ms(long nanos) {
        return nanos / 1e6;
    }

    private static void print(String what, List<Double> values, String unit) {
        List<Double> v = new ArrayList<>(values);
        Collections.sort(v);
        System.out.printf("%-62s median %8.1f %s  (min %.1f, max %.1f, n=%d)%n", what, v.get(v.size() / 2), unit,
                v.getFirst(), v.getLast(), v.size());
    }
}
