package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QemuCommandTest {

    @TempDir
    Path dir;

    private VmLaunch launch(List<DiskAttachment> disks, List<NicAttachment> nics, List<SerialAttachment> serials, Path iso) {
        return new VmLaunch("vm-42", "web", dir.resolve("vm,dir"), 2, 512, iso, disks, nics, serials,
                new MapGuestInfoStore(Map.of()));
    }

    private List<String> build(VmLaunch l, IsoCache.IsoBoot boot, int nics) throws Exception {
        List<QemuCommand.NicPorts> ports = new java.util.ArrayList<>();
        for (int i = 0; i < nics; i++) ports.add(new QemuCommand.NicPorts(40000 + i, 50000 + i));
        return QemuCommand.build(l, new QemuCommand.Plan(Accelerator.TCG, boot, VmPaths.of(l), VmPaths.of(l).qmpSocket(42), ports));
    }

    private Path disk(String name, String magic) throws Exception {
        Path p = dir.resolve(name);
        Files.writeString(p, magic + "................");
        return p;
    }

    @Test
    void mapsControllersNicsSerialsAndGuestInfo() throws Exception {
        Path a = disk("a.vmdk", "KDMV");
        Path b = disk("b.vmdk", "# Disk DescriptorFile");
        Path c = disk("c.img", "");
        VmLaunch l = launch(
                List.of(new DiskAttachment(a, "pvscsi", 0, 0), new DiskAttachment(b, "lsilogic", 1, 3),
                        new DiskAttachment(c, "ide", 1, 1), new DiskAttachment(a, "pvscsi", 0, 1)),
                List.of(new NicAttachment("bridge", null, "vmxnet3"), new NicAttachment("public", "00:50:56:AA:BB:CC", "e1000")),
                List.of(new SerialAttachment(0, "tcp://127.0.0.1:2377", "client", null),
                        new SerialAttachment(1, null, null, dir.resolve("console.log"))),
                null);
        String cmd = String.join(" ", build(l, null, 2));
        assertThat(cmd).startsWith("qemu-system-x86_64 -name guest=vm-42 -machine q35 -accel tcg,tb-size=32 -smp 2 -m 512M "
                + "-nodefaults -no-user-config -nographic");
        assertThat(cmd).contains("-device pvscsi,id=pvscsi0 ", "-device lsi53c895a,id=lsi1 ",
                "-drive if=none,id=drive-pvscsi0-0,format=vmdk,file=" + a, "format=raw,file=" + c,
                "-device scsi-hd,bus=pvscsi0.0,scsi-id=0,lun=0,drive=drive-pvscsi0-0,id=disk-pvscsi0-0,bootindex=0",
                "-device scsi-hd,bus=lsi1.0,scsi-id=3,lun=0,drive=drive-lsilogic1-3,id=disk-lsilogic1-3 ",
                "-device ide-hd,bus=ide.3,drive=drive-ide1-1,id=disk-ide1-1 ",
                "-device scsi-hd,bus=pvscsi0.0,scsi-id=1,lun=0,drive=drive-pvscsi0-1,id=disk-pvscsi0-1");
        assertThat(cmd.split("pvscsi,id=pvscsi0", -1)).hasSize(2); // one controller for both disks
        assertThat(cmd).contains(
                "-netdev dgram,id=nic0,local.type=inet,local.host=127.0.0.1,local.port=40000,remote.type=inet,remote.host=127.0.0.1,remote.port=50000",
                "-device vmxnet3,netdev=nic0,mac=" + QemuCommand.mac("vm-42", 0, null) + ",romfile=",
                "-device e1000,netdev=nic1,mac=00:50:56:aa:bb:cc,romfile=");
        assertThat(cmd).contains("-chardev socket,id=serial0,host=127.0.0.1,port=2377,nodelay=on,server=off,reconnect=1 "
                        + "-device virtserialport,bus=vser.0,chardev=serial0,name=vsphere.serial0,id=serialdev0",
                "-chardev file,id=serial1,path=" + dir.resolve("console.log") + ",append=on -device isa-serial,chardev=serial1,id=serialdev1");
        // the work directory has a comma: qemu wants it doubled
        assertThat(cmd).contains("-fw_cfg name=opt/vsphere/guestinfo,file=" + dir.resolve("vm,,dir").resolve("guestinfo.fwcfg"),
                "-device virtio-serial-pci,id=vser",
                "socket,id=guestinfo,path=" + dir.resolve("vm,,dir") + "/guestinfo.sock,server=off,reconnect=1",
                "-device virtserialport,bus=vser.0,chardev=guestinfo,name=vsphere.guestinfo",
                "socket,id=qmp,path=" + dir.resolve("vm,,dir") + "/qmp-16.sock,server=on,wait=off -mon chardev=qmp,mode=control");
        assertThat(QemuCommand.mac("vm-42", 0, null)).matches("00:50:56:[0-3][0-9a-f]:[0-9a-f]{2}:[0-9a-f]{2}")
                .isNotEqualTo(QemuCommand.mac("vm-42", 1, null));
    }

    @Test
    void isoBootsDirectlyOrThroughBios() throws Exception {
        Path iso = dir.resolve("x.iso");
        Files.writeString(iso, "");
        VmLaunch l = launch(List.of(), List.of(), List.of(), iso);
        String direct = String.join(" ", build(l, new IsoCache.DirectBoot(Path.of("/c/k"), List.of(Path.of("/c/i")), "console=ttyS0 quiet"), 0));
        assertThat(direct).contains("-device piix4-ide,id=piix -device ide-cd,bus=piix.0,drive=cdrom,id=cd0 ", "-kernel /c/k -initrd /c/i -append console=ttyS0 quiet")
                .doesNotContain("bootindex");
        List<String> argv = build(l, new IsoCache.DirectBoot(Path.of("/c/k"), List.of(), "a b"), 0);
        assertThat(argv).containsSequence("-append", "a b").doesNotContain("-initrd");
        assertThat(String.join(" ", build(l, new IsoCache.BiosBoot(), 0))).contains("-device piix4-ide,id=piix -device ide-cd,bus=piix.0,drive=cdrom,id=cd0,bootindex=0")
                .doesNotContain("-kernel");
    }

    @Test
    void rejectsWhatItCannotMapWithAClearError() throws Exception {
        Path a = disk("a.vmdk", "KDMV");
        assertThatThrownBy(() -> build(launch(List.of(new DiskAttachment(a, "floppy", 0, 0)), List.of(), List.of(), null), null, 0))
                .isInstanceOf(VmRuntimeException.class).hasMessageContaining("disk controller 'floppy' is not implemented");
        assertThatThrownBy(() -> build(launch(List.of(new DiskAttachment(a, "ide", 2, 0)), List.of(), List.of(), null), null, 0))
                .hasMessageContaining("IDE disk at 2:0");
        assertThatThrownBy(() -> build(launch(List.of(new DiskAttachment(a, "lsilogic", 0, 7)), List.of(), List.of(), null), null, 0))
                .hasMessageContaining("units 0-6");
        assertThatThrownBy(() -> build(launch(List.of(), List.of(new NicAttachment("pg", null, "vmxnet2")), List.of(), null), null, 1))
                .hasMessageContaining("NIC adapter 'vmxnet2' is not implemented");
        assertThat(String.join(" ", build(launch(List.of(), List.of(), List.of(new SerialAttachment(0, "tcp://:7000", "server", null)), null), null, 0)))
                .contains("-chardev socket,id=serial0,host=127.0.0.1,port=7000,nodelay=on,server=on,wait=off");
        assertThatThrownBy(() -> build(launch(List.of(), List.of(), List.of(new SerialAttachment(0, "telnet://h:1", "client", null)), null), null, 0))
                .hasMessageContaining("only tcp://host:port");
        assertThatThrownBy(() -> build(launch(List.of(), List.of(), List.of(new SerialAttachment(0, "tcp://h,x:1", "client", null)), null), null, 0))
                .isInstanceOf(VmRuntimeException.class);
        assertThatThrownBy(() -> build(launch(List.of(new DiskAttachment(dir.resolve("missing.vmdk"), "pvscsi", 0, 0)), List.of(), List.of(), null), null, 0))
                .hasMessageContaining("cannot read it");
        assertThatThrownBy(() -> new VmLaunch("bad id", null, dir, 1, 64, null, null, null, null, new MapGuestInfoStore(Map.of())))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void reattachReadsSocketsAndNicPortsBackFromTheCommandLine() throws Exception {
        VmLaunch l = launch(List.of(), List.of(new NicAttachment("bridge", null, null)), List.of(), null);
        List<String> argv = build(l, null, 1);
        assertThat(QemuRuntime.isQemuOf(argv, "vm-42")).isTrue();
        assertThat(QemuRuntime.isQemuOf(argv, "vm-4")).isFalse();
        assertThat(QemuRuntime.chardevPath(argv, "guestinfo")).contains(dir.resolve("vm,dir").resolve("guestinfo.sock").toString());
        assertThat(QemuRuntime.dgramPorts(argv)).hasSize(1).allSatisfy(p -> assertThat(p).containsExactly(40000, 50000));
    }
}
