package dev.vch.sim.runtime;

import static dev.vch.sim.runtime.ItSupport.awaitWrite;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real qemu VMs booting the test guest (src/test/resources/runtime/guest-init.sh). */
class QemuRuntimeIT {

    private static Path iso;

    @TempDir
    Path state;

    private final List<RunningVm> started = new ArrayList<>();

    @BeforeAll
    static void buildGuest() throws Exception {
        iso = TestGuestImages.guestIso();
    }

    @AfterEach
    void powerOffLeftovers() {
        for (RunningVm vm : started) {
            if (!vm.exited().isDone()) vm.powerOff();
        }
    }

    private VmLaunch launch(String id, MapGuestInfoStore store, List<NicAttachment> nics, List<SerialAttachment> serials) {
        List<SerialAttachment> all = new ArrayList<>(serials);
        all.add(new SerialAttachment(all.size(), null, null, console(id)));
        return new VmLaunch(id, id, state.resolve(id), 1, 192, iso, List.of(), nics, all, store);
    }

    private Path console(String id) {
        return state.resolve(id).resolve("console.log");
    }

    private RunningVm powerOn(VmRuntimes runtimes, VmLaunch launch) throws Exception {
        RunningVm vm = runtimes.powerOn(launch);
        started.add(vm);
        return vm;
    }

    @Test
    void guestReadsFwCfgTalksRpcAndSerialThenPowersItselfOffWhileTheCommonPoolIsBusy() throws Exception {
        try (VmRuntimes runtimes = VmRuntimes.create(state);
             ServerSocket vspc = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             AutoCloseable busyPool = ItSupport.occupyCommonPool()) {
            CompletableFuture<String> serialLine = new CompletableFuture<>();
            Thread.ofVirtual().start(() -> {
                try (Socket s = vspc.accept()) {
                    serialLine.complete(new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8)).readLine());
                } catch (Exception e) {
                    serialLine.completeExceptionally(e);
                }
            });
            MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "rpc", "guestinfo.test.in", "hello 100%"));
            RunningVm vm = powerOn(runtimes, launch("rpc-vm", store, List.of(),
                    List.of(new SerialAttachment(0, "tcp://127.0.0.1:" + vspc.getLocalPort(), "client", null))));
            assertThat(vm.pid()).isPositive();
            assertThat(ProcInfo.cmdline(vm.pid()).orElseThrow()).contains("guest=rpc-vm");

            String out = awaitWrite(store, "guestinfo.test.out", "", 120, console("rpc-vm"));
            assertThat(out).isEqualTo("fw=hello 100%;rpc=ok hello 100%;absent=none;list=ok 2;bogus=err"); // escaped on the way in, unescaped by set
            assertThat(store.entries).containsEntry("guestinfo.test.out", out);
            assertThat(serialLine.get(60, TimeUnit.SECONDS)).isEqualTo("hello over vsphere.serial0");
            // the guest's power-off is seen although the common pool is busy
            assertThat(vm.exited().get(60, TimeUnit.SECONDS)).isZero();
        }
    }

    @Test
    void resetPowerOffAndReattachAfterASimulatorRestart() throws Exception {
        MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "idle"));
        VmLaunch launch = launch("idle-vm", store, List.of(new NicAttachment("pg", null, "vmxnet3")), List.of());
        VmRuntimes first = VmRuntimes.create(state);
        RunningVm vm = powerOn(first, launch);
        awaitWrite(store, "guestinfo.test.ready", "1", 120, console("idle-vm"));
        assertThat(((QemuVm) vm).status()).isEqualTo("running");

        vm.reset(); // the guest boots again and says so again
        awaitWrite(store, "guestinfo.test.ready", "1", 120, console("idle-vm"));

        first.close(); // the simulator goes away; qemu keeps running
        assertThat(vm.exited()).isNotDone();
        try (VmRuntimes second = VmRuntimes.create(state)) {
            assertThat(second.reattach(launch, ProcessHandle.current().pid())).isEmpty();
            VmLaunch other = new VmLaunch("other-vm", null, state.resolve("other"), 1, 64, null, null, null, null, store);
            assertThat(second.reattach(other, vm.pid())).isEmpty();

            MapGuestInfoStore after = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "idle", "guestinfo.test.ping", "after-restart"));
            VmLaunch relaunch = new VmLaunch(launch.vmId(), launch.name(), launch.workDir(), 1, 192, iso, List.of(),
                    launch.nics(), launch.serials(), after);
            RunningVm again = second.reattach(relaunch, vm.pid()).orElseThrow();
            started.add(again);
            assertThat(again.pid()).isEqualTo(vm.pid());
            // qemu reconnected its guestinfo chardev to the new server, which serves the new store
            awaitWrite(after, "guestinfo.test.pong", "after-restart", 60, console("idle-vm"));

            again.powerOff();
            assertThat(again.exited()).isDone();
            assertThat(vm.exited().get(10, TimeUnit.SECONDS)).isZero(); // qemu's own exit code after quit
        }
    }

    @Test
    void aGuestKernelPanicEndsTheVm() throws Exception {
        try (VmRuntimes runtimes = VmRuntimes.create(state)) {
            MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "panic"));
            RunningVm vm = powerOn(runtimes, launch("panic-vm", store, List.of(), List.of()));
            awaitWrite(store, "guestinfo.test.ready", "1", 120, console("panic-vm"));
            assertThat(vm.exited().get(60, TimeUnit.SECONDS)).isEqualTo(1);
            assertThat(ItSupport.console(console("panic-vm"))).contains("Kernel panic");
        }
    }

    @Test
    void vmsOnOnePortgroupReachEachOtherAndNotAnotherPortgroup() throws Exception {
        try (VmRuntimes runtimes = VmRuntimes.create(state)) {
            MapGuestInfoStore a = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "net", "guestinfo.test.ip", "10.9.0.1/24",
                    "guestinfo.test.peer", "10.9.0.2", "guestinfo.test.stranger", "10.9.0.3"));
            MapGuestInfoStore b = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "net", "guestinfo.test.ip", "10.9.0.2/24"));
            MapGuestInfoStore c = new MapGuestInfoStore(Map.of("guestinfo.test.mode", "net", "guestinfo.test.ip", "10.9.0.3/24"));
            powerOn(runtimes, launch("net-a", a, List.of(new NicAttachment("red", null, "vmxnet3")), List.of()));
            powerOn(runtimes, launch("net-b", b, List.of(new NicAttachment("red", null, "vmxnet3")), List.of()));
            powerOn(runtimes, launch("net-c", c, List.of(new NicAttachment("blue", null, "vmxnet3")), List.of()));
            awaitWrite(a, "guestinfo.test.ready", "1", 180, console("net-a"));
            awaitWrite(b, "guestinfo.test.ready", "1", 180, console("net-b"));
            awaitWrite(c, "guestinfo.test.ready", "1", 180, console("net-c"));
            a.entries.put("guestinfo.test.go", "1");
            assertThat(awaitWrite(a, "guestinfo.test.peer.result", "", 120, console("net-a"))).isEqualTo("ok");
            assertThat(awaitWrite(a, "guestinfo.test.stranger.result", "", 60, console("net-a"))).isEqualTo("unreachable");

            RunningVm vmB = started.get(1);
            vmB.shutdownGuest(); // ACPI power button: the guest's acpid powers it off
            assertThat(vmB.exited().get(60, TimeUnit.SECONDS)).isZero();

            RunningVm vmC = started.get(2);
            assertThat(new ProcessBuilder("kill", "-STOP", Long.toString(vmC.pid())).start().waitFor()).isZero();
            vmC.powerOff(); // a qemu that cannot act on QMP quit is killed after the grace
            assertThat(vmC.exited()).isCompletedWithValue(137);
        }
    }
}
