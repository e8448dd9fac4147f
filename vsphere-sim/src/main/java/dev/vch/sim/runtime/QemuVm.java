package dev.vch.sim.runtime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running qemu VM, started by us or reattached after a simulator restart. */
final class QemuVm implements RunningVm, Detachable {

    private static final Logger LOG = LoggerFactory.getLogger(QemuVm.class);
    /** How long qemu gets to act on QMP quit before it is killed. */
    static final int QUIT_GRACE_SECONDS = 2;
    private static final int KILL_WAIT_SECONDS = 5;

    private final String vmId;
    private final ProcessHandle process;
    private final Path qmpSocket;
    private final CompletableFuture<Integer> exited;
    private final List<AutoCloseable> cleanup;
    private final java.util.concurrent.atomic.AtomicBoolean cleaned = new java.util.concurrent.atomic.AtomicBoolean();
    private Qmp qmp; // guarded by this
    /** The serial ports qemu has now, by what they connect to, with their index there (guarded by this). */
    private final Map<SerialKey, Integer> serials = new HashMap<>();
    /** When powerOn was called, qemu was started and QMP first answered (System.nanoTime); null if reattached. */
    volatile StartTimes startTimes;

    record StartTimes(long called, long processStarted, long qmpReady) {
    }

    /**
     * @param child the Process when we started qemu (its exit code is known), else null
     * @param cleanup runs once qemu is gone (stop serving guestinfo, leave the switches)
     */
    QemuVm(VmLaunch launch, ProcessHandle process, Process child, Qmp qmp, Path qmpSocket, List<AutoCloseable> cleanup) {
        this.vmId = launch.vmId();
        for (SerialAttachment s : launch.serials()) serials.put(SerialKey.of(s), s.index());
        this.process = process;
        this.qmp = qmp;
        this.qmpSocket = qmpSocket;
        this.cleanup = cleanup;
        CompletableFuture<Integer> code = child != null ? ProcInfo.exitOf(child) : ProcInfo.exitOf(process);
        this.exited = code.whenComplete((c, t) -> {
            LOG.info("qemu of {} (pid {}) exited with {}", vmId, process.pid(), c);
            detach();
        });
    }

    /** Stops serving this VM's channels and closes QMP; qemu keeps running (simulator shutdown). */
    @Override
    public void detach() {
        if (!cleaned.compareAndSet(false, true)) {
            return;
        }
        synchronized (this) {
            if (qmp != null) qmp.close();
            qmp = null;
        }
        QemuRuntime.closeAll(cleanup);
    }

    @Override
    public long pid() {
        return process.pid();
    }

    @Override
    public Optional<String> ipAddress() {
        return Optional.empty(); // a qemu guest's address is the guest's business (it reports it via guestinfo)
    }

    /**
     * QMP {@code quit} (qemu exits at once: a hard power-off, as on ESXi), then SIGKILL when qemu
     * is still there after {@link #QUIT_GRACE_SECONDS} (hung, or QMP unreachable).
     */
    @Override
    public void powerOff() {
        if (!exited.isDone()) {
            // on its own thread: a hung qemu never answers (QMP has no read timeout); it ends with qemu
            Thread.ofVirtual().name("qmp-quit-" + vmId).start(() -> {
                try {
                    command("quit", false);
                } catch (IOException e) {
                    LOG.debug("QMP quit of {}: {}", vmId, e.toString()); // qemu may close QMP before answering
                }
            });
        }
        if (awaitExit(QUIT_GRACE_SECONDS)) {
            return;
        }
        LOG.warn("qemu of {} did not quit within {} s; killing pid {}", vmId, QUIT_GRACE_SECONDS, process.pid());
        process.destroyForcibly();
        if (!awaitExit(KILL_WAIT_SECONDS)) {
            // only a process stuck in the kernel outlives SIGKILL; it ends when the kernel lets it
            LOG.error("qemu of {} (pid {}) still there {} s after SIGKILL", vmId, process.pid(), KILL_WAIT_SECONDS);
        }
    }

    @Override
    public void reset() {
        guarded("system_reset");
    }

    @Override
    public void shutdownGuest() {
        guarded("system_powerdown"); // ACPI power button: the guest decides what to do with it
    }

    @Override
    public CompletableFuture<Integer> exited() {
        return exited;
    }

    /** qemu's run state as QMP reports it (running, paused, shutdown...). */
    String status() {
        try {
            synchronized (this) {
                return qmp().status();
            }
        } catch (IOException e) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "qemu of " + vmId + " does not answer QMP: " + e.getMessage(), e);
        }
    }

    /**
     * Hot-plug through QMP: removed disks and serial ports are unplugged first, then added ones
     * plugged in, then the CD-ROM's medium changed. Every change is checked before qemu is touched,
     * so a change qemu cannot make leaves the VM as it was. Disks go onto SCSI controllers qemu
     * had at power-on (controllers themselves are not hot-plugged); serial ports with a URI backing
     * are virtio ports, which hot-plug, file-backed ones are ISA UARTs, which do not.
     */
    @Override
    public synchronized void reconfigure(VmLaunch before, VmLaunch after) {
        if (exited.isDone()) throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "VM " + vmId + " is not running");
        List<DiskAttachment> removedDisks = minus(before.disks(), after.disks());
        List<DiskAttachment> addedDisks = minus(after.disks(), before.disks());
        List<SerialKey> beforeSerials = before.serials().stream().map(SerialKey::of).toList();
        List<SerialKey> afterSerials = after.serials().stream().map(SerialKey::of).toList();
        List<SerialKey> removedSerials = minus(beforeSerials, afterSerials);
        List<SerialKey> addedSerials = minus(afterSerials, beforeSerials);
        for (DiskAttachment d : removedDisks) scsiOnly(d, "removed from");
        for (DiskAttachment d : addedDisks) {
            QemuCommand.ScsiController c = scsiOnly(d, "added to");
            boolean present = before.disks().stream().anyMatch(b -> Objects.equals(QemuCommand.ScsiController.of(b.controller()), c)
                    && b.bus() == d.bus() && !removedDisks.contains(b));
            if (!present) {
                throw notLive("a disk on " + d.controller() + " controller " + d.bus() + " cannot be added to running " + before.name()
                        + ": that controller had no disk at power-on, and controllers are not hot-plugged");
            }
            QemuCommand.scsiDisk(c, d); // its unit number is valid
        }
        for (SerialKey k : removedSerials) {
            if (k.file() != null) throw notLive("file-backed serial port " + k.file() + " cannot be removed from running " + before.name());
            if (!serials.containsKey(k)) {
                throw notLive("serial port " + k.uri() + " of running " + before.name() + " is not one its qemu knows"
                        + " (hot-plugged before the endpoint restarted?); power the VM off to change it");
            }
        }
        for (SerialKey k : addedSerials) {
            if (k.file() != null) throw notLive("file-backed serial port " + k.file() + " cannot be added to running " + before.name());
            QemuCommand.Endpoint.parse(k.uri()); // a usable URI
        }
        boolean newMedium = !Objects.equals(before.cdromIso(), after.cdromIso());
        if (newMedium && before.cdromIso() == null) {
            throw notLive("running " + before.name() + " had no CD-ROM at power-on; a CD-ROM is added to a VM at power-on only");
        }
        try {
            for (DiskAttachment d : removedDisks) unplug(QemuCommand.diskId(d));
            for (SerialKey k : removedSerials) {
                int index = serials.remove(k);
                unplug(QemuCommand.serialDeviceId(index));
                hmp("chardev-remove " + QemuCommand.serialChardevId(index));
            }
            for (DiskAttachment d : addedDisks) {
                String out = hmp("drive_add 0 " + hmpString(QemuCommand.driveSpec(d)));
                if (!out.contains("OK")) throw new IOException("drive_add: " + out.strip());
                requireQuiet("device_add", hmp("device_add " + hmpString(QemuCommand.scsiDisk(QemuCommand.ScsiController.of(d.controller()), d))));
            }
            for (SerialKey k : addedSerials) {
                int index = 0;
                while (serials.containsValue(index)) index++;
                QemuCommand.Endpoint e = QemuCommand.Endpoint.parse(k.uri());
                boolean server = "server".equalsIgnoreCase(k.direction());
                requireQuiet("chardev-add", hmp("chardev-add " + hmpString("socket,id=" + QemuCommand.serialChardevId(index) + ",host=" + e.host()
                        + ",port=" + e.port() + ",nodelay=on" + (server ? ",server=on,wait=off" : ",server=off,reconnect=1"))));
                requireQuiet("device_add", hmp("device_add " + hmpString("virtserialport,bus=vser.0,chardev=" + QemuCommand.serialChardevId(index)
                        + ",name=" + QemuCommand.serialPortName(index) + ",id=" + QemuCommand.serialDeviceId(index))));
                serials.put(k, index);
            }
            if (newMedium && after.cdromIso() == null) {
                qmp().execute("eject", "{\"id\":" + Qmp.quote(QemuCommand.CDROM_ID) + ",\"force\":true}");
            } else if (newMedium) {
                qmp().execute("blockdev-change-medium", "{\"id\":" + Qmp.quote(QemuCommand.CDROM_ID) + ",\"filename\":"
                        + Qmp.quote(after.cdromIso().toString()) + ",\"format\":\"raw\",\"read-only-mode\":\"read-only\"}");
            }
        } catch (IOException e) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                    "qemu of " + before.name() + " refused the device change: " + e.getMessage(), e);
        }
    }

    /** What a serial port connects to, whatever its index. */
    private record SerialKey(String uri, String direction, Path file) {
        static SerialKey of(SerialAttachment s) {
            return new SerialKey(s.uri(), s.file() != null ? null : s.direction(), s.file());
        }
    }

    private static <T> List<T> minus(List<T> a, List<T> b) {
        List<T> out = new ArrayList<>(a);
        out.removeAll(b);
        return out;
    }

    private static QemuCommand.ScsiController scsiOnly(DiskAttachment d, String what) {
        QemuCommand.ScsiController c = QemuCommand.ScsiController.of(d.controller());
        if (c == null) throw notLive("a disk on a " + d.controller() + " controller cannot be " + what + " a running VM (SCSI disks can)");
        return c;
    }

    private static VmRuntimeException notLive(String message) {
        return new VmRuntimeException(VmRuntimeException.Kind.NOT_IMPLEMENTED, message);
    }

    /** device_del, then waits (up to 5 s) until qemu has let the device go. */
    private void unplug(String id) throws IOException {
        requireQuiet("device_del", hmp("device_del " + id));
        long deadline = System.nanoTime() + 5_000_000_000L;
        java.util.regex.Pattern named = java.util.regex.Pattern.compile("\"name\":\\s*\"" + java.util.regex.Pattern.quote(id) + "\"");
        while (named.matcher(qmp().execute("qom-list", "{\"path\":\"/machine/peripheral\"}")).find()) {
            if (System.nanoTime() > deadline) throw new IOException("device " + id + " was not released within 5 s");
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while unplugging " + id, e);
            }
        }
    }

    /** An HMP command through QMP; returns what the monitor printed. */
    private String hmp(String commandLine) throws IOException {
        String answer = qmp().execute("human-monitor-command", "{\"command-line\":" + Qmp.quote(commandLine) + "}");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("\"return\":\\s*\"((?:[^\"\\\\]|\\\\.)*)\"").matcher(answer);
        return m.find() ? m.group(1).replace("\\r", "").replace("\\n", "\n").replace("\\\"", "\"").replace("\\\\", "\\") : "";
    }

    /** HMP prints nothing when a command worked. */
    private static void requireQuiet(String command, String output) throws IOException {
        if (!output.isBlank()) throw new IOException(command + ": " + output.strip());
    }

    /** An HMP string argument: quoted, so that spaces in paths stay in one argument. */
    private static String hmpString(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private void guarded(String command) {
        if (exited.isDone()) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE, "VM " + vmId + " is not running");
        }
        try {
            command(command, true);
        } catch (IOException e) {
            throw new VmRuntimeException(VmRuntimeException.Kind.UNAVAILABLE,
                    "Tried to " + command + " VM " + vmId + " but qemu did not accept it: " + e.getMessage(), e);
        }
    }

    private synchronized void command(String command, boolean retry) throws IOException {
        try {
            qmp().execute(command);
        } catch (IOException e) {
            if (!retry) throw e;
            // one reconnect: qemu accepts one QMP client at a time and a stale connection may linger
            if (qmp != null) qmp.close();
            qmp = null;
            if (exited.isDone()) throw e;
            qmp().execute(command);
        }
    }

    private Qmp qmp() throws IOException {
        if (qmp == null) {
            qmp = Qmp.connect(qmpSocket, process::isAlive, 5_000);
        }
        return qmp;
    }

    private boolean awaitExit(int seconds) {
        return ProcInfo.await(exited, seconds);
    }
}
