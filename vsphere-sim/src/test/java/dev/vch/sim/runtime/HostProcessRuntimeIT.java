package dev.vch.sim.runtime;

import static dev.vch.sim.runtime.ItSupport.awaitWrite;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Host-process VMs (section 5 of docs/design/guestinfo-channel.md) with a shell "appliance". */
class HostProcessRuntimeIT {

    private static final String RUN_SH = """
            #!/bin/sh
            # the guest side of section 5, in shell
            gi() { printf '%s\\n' "$1" | busybox nc -w 1 "${VSPHERE_GUESTINFO%:*}" "${VSPHERE_GUESTINFO##*:}"; }
            trap 'exit 0' TERM
            gi "set guestinfo.hp.started ip=$VSPHERE_VM_IP;file=$(sed -n 's/^guestinfo.hp.in=//p' "$VSPHERE_GUESTINFO_FILE");dir=$([ -w "$VSPHERE_VM_DIR" ] && echo writable)" >/dev/null
            answer=$(gi "get guestinfo.hp.in")
            gi "set guestinfo.hp.answer $answer" >/dev/null
            i=0
            while true; do i=$((i+1)); gi "set guestinfo.hp.tick $i" >/dev/null; sleep 0.3; done
            """;

    @TempDir
    Path state;

    private VmLaunch launch(String id, Path iso, MapGuestInfoStore store) {
        return new VmLaunch(id, id, state.resolve(id), 1, 64, iso, List.of(), List.of(), List.of(), store);
    }

    @Test
    void runsTheIsoAsAProcessWithGuestInfoAndALoopbackAddressAndSurvivesARestart() throws Exception {
        Path iso = TestGuestImages.hostProcessIso(RUN_SH);
        MapGuestInfoStore store = new MapGuestInfoStore(Map.of("guestinfo.hp.in", "from 50% fw_cfg"));
        VmLaunch launch = launch("appliance-1", iso, store);
        Path log = state.resolve("appliance-1").resolve("vmruntime.log");
        VmRuntimes first = VmRuntimes.create(state);
        RunningVm vm = first.powerOn(launch);
        try {
            // the lowest free address from 127.0.0.2 on: other appliances on this machine may hold some
            String ip = vm.ipAddress().orElseThrow();
            assertThat(ip).matches("127\\.0\\.0\\.([2-9]|[1-9][0-9]+)");
            assertThat(awaitWrite(store, "guestinfo.hp.started", "", 30, log))
                    .isEqualTo("ip=" + ip + ";file=from 50% fw_cfg;dir=writable");
            assertThat(awaitWrite(store, "guestinfo.hp.answer", "", 30, log)).isEqualTo("ok from 50% fw_cfg"); // the guest echoes the escaped text; set unescapes it

            MapGuestInfoStore store2 = new MapGuestInfoStore(Map.of());
            RunningVm second = first.powerOn(launch("appliance-2", iso, store2));
            String ip2 = second.ipAddress().orElseThrow();
            assertThat(ip2).startsWith("127.0.0.").isNotEqualTo(ip);
            // run.sh has installed its TERM trap once it has written
            awaitWrite(store2, "guestinfo.hp.started", "ip=" + ip2, 30, state.resolve("appliance-2").resolve("vmruntime.log"));
            second.powerOff();
            assertThat(second.exited().get(1, TimeUnit.SECONDS)).isZero(); // run.sh exits 0 on SIGTERM

            first.close();
            try (VmRuntimes restarted = VmRuntimes.create(state)) {
                MapGuestInfoStore after = new MapGuestInfoStore(Map.of());
                RunningVm again = restarted.reattach(launch("appliance-1", iso, after), vm.pid()).orElseThrow();
                assertThat(again.ipAddress()).contains(ip);
                awaitWrite(after, "guestinfo.hp.tick", "", 30, log); // the same port is served again
                assertThat(restarted.reattach(launch("appliance-9", iso, after), vm.pid())).isEmpty();
                again.powerOff();
                assertThat(again.exited()).isDone();
                assertThat(vm.exited().get(10, TimeUnit.SECONDS)).isZero();
                assertThat(ProcessHandle.of(vm.pid()).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            }
        } finally {
            if (!vm.exited().isDone()) vm.powerOff();
        }
    }
}
