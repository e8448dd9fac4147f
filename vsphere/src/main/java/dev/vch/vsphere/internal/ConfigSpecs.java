package dev.vch.vsphere.internal;

import com.vmware.vim25.OptionValue;
import com.vmware.vim25.ParaVirtualSCSIController;
import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualCdromIsoBackingInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualEthernetCardNetworkBackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.VirtualSCSISharing;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.VirtualSerialPortURIBackingInfo;
import com.vmware.vim25.VirtualVmxnet3;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VmSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Builds yavijava config specs from {@link VmSpec}s and extraConfig maps. */
public final class ConfigSpecs {

  /** The IDE controller and super-I/O controller every new VM has, as on ESX. */
  static final int IDE_CONTROLLER = 200;
  static final int SIO_CONTROLLER = 400;

  private ConfigSpecs() {}

  public static VirtualMachineConfigSpec create(VmSpec spec, Map<MoRef, String> networkNames) {
    VirtualMachineConfigSpec cs = new VirtualMachineConfigSpec();
    cs.setName(spec.name());
    cs.setGuestId(spec.guestId());
    cs.setNumCPUs(spec.cpus());
    cs.setMemoryMB(spec.memoryMB());
    if (spec.annotation() != null) {
      cs.setAnnotation(spec.annotation());
    }
    VirtualMachineFileInfo files = new VirtualMachineFileInfo();
    files.setVmPathName("[" + spec.datastore() + "] " + spec.name() + "/" + spec.name() + ".vmx");
    cs.setFiles(files);

    List<VirtualDeviceConfigSpec> changes = new ArrayList<>();
    int key = -100;
    if (spec.diskSizeMB() > 0) {
      ParaVirtualSCSIController scsi = new ParaVirtualSCSIController();
      scsi.setKey(key);
      scsi.setBusNumber(0);
      scsi.setSharedBus(VirtualSCSISharing.noSharing);
      changes.add(add(scsi, null));
      VirtualDisk disk = new VirtualDisk();
      disk.setKey(--key);
      VirtualDiskFlatVer2BackingInfo b = new VirtualDiskFlatVer2BackingInfo();
      b.setFileName("[" + spec.datastore() + "] " + spec.name() + "/" + spec.name() + ".vmdk");
      b.setDiskMode("persistent");
      b.setThinProvisioned(true);
      if (spec.parentDisk() != null) {
        // a delta disk of the parent, created with the VM (VIC's container disks)
        VirtualDiskFlatVer2BackingInfo parent = new VirtualDiskFlatVer2BackingInfo();
        parent.setFileName(spec.parentDisk());
        parent.setDiskMode("persistent");
        b.setParent(parent);
      }
      disk.setBacking(b);
      disk.setControllerKey(-100);
      disk.setUnitNumber(0);
      disk.setCapacityInKB(spec.diskSizeMB() * 1024);
      changes.add(add(disk, VirtualDeviceConfigSpecFileOperation.create));
    }
    int unit = 0;
    for (String iso : spec.isoPaths()) {
      VirtualCdrom cd = new VirtualCdrom();
      cd.setKey(--key);
      VirtualCdromIsoBackingInfo b = new VirtualCdromIsoBackingInfo();
      b.setFileName(iso);
      cd.setBacking(b);
      cd.setConnectable(connected());
      cd.setControllerKey(IDE_CONTROLLER);
      cd.setUnitNumber(unit++);
      changes.add(add(cd, null));
    }
    for (String uri : spec.serialUris()) {
      VirtualSerialPort sp = new VirtualSerialPort();
      sp.setKey(--key);
      VirtualSerialPortURIBackingInfo b = new VirtualSerialPortURIBackingInfo();
      b.setServiceURI(uri);
      b.setDirection("client");
      sp.setBacking(b);
      sp.setConnectable(connected());
      sp.setControllerKey(SIO_CONTROLLER);
      sp.setYieldOnPoll(true);
      changes.add(add(sp, null));
    }
    for (MoRef net : spec.networks()) {
      VirtualVmxnet3 nic = new VirtualVmxnet3();
      nic.setKey(--key);
      VirtualEthernetCardNetworkBackingInfo b = new VirtualEthernetCardNetworkBackingInfo();
      b.setDeviceName(networkNames.getOrDefault(net, net.value()));
      b.setNetwork(Props.mor(net));
      nic.setBacking(b);
      nic.setConnectable(connected());
      nic.setAddressType("generated");
      changes.add(add(nic, null));
    }
    cs.setDeviceChange(changes.toArray(new VirtualDeviceConfigSpec[0]));
    cs.setExtraConfig(options(spec.extraConfig()));
    return cs;
  }

  /** A reconfigure spec that sets these extraConfig keys (an empty value removes a key, as in vSphere). */
  public static VirtualMachineConfigSpec extraConfig(Map<String, String> values) {
    VirtualMachineConfigSpec cs = new VirtualMachineConfigSpec();
    cs.setExtraConfig(options(values));
    return cs;
  }

  /** A reconfigure spec that points {@code cdrom} at {@code isoPath} and sets these extraConfig keys. */
  public static VirtualMachineConfigSpec switchIso(VirtualCdrom cdrom, String isoPath, Map<String, String> values) {
    VirtualCdromIsoBackingInfo b = new VirtualCdromIsoBackingInfo();
    b.setFileName(isoPath);
    cdrom.setBacking(b);
    VirtualDeviceConfigSpec edit = new VirtualDeviceConfigSpec();
    edit.setOperation(VirtualDeviceConfigSpecOperation.edit);
    edit.setDevice(cdrom);
    VirtualMachineConfigSpec cs = extraConfig(values);
    cs.setDeviceChange(new VirtualDeviceConfigSpec[] {edit});
    return cs;
  }

  static OptionValue[] options(Map<String, String> values) {
    List<OptionValue> out = new ArrayList<>();
    values.entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
      OptionValue o = new OptionValue();
      o.setKey(e.getKey());
      o.setValue(e.getValue());
      out.add(o);
    });
    return out.toArray(new OptionValue[0]);
  }

  private static VirtualDeviceConnectInfo connected() {
    VirtualDeviceConnectInfo c = new VirtualDeviceConnectInfo();
    c.setStartConnected(true);
    c.setAllowGuestControl(true);
    c.setConnected(true);
    return c;
  }

  private static VirtualDeviceConfigSpec add(VirtualDevice d, VirtualDeviceConfigSpecFileOperation fileOp) {
    VirtualDeviceConfigSpec s = new VirtualDeviceConfigSpec();
    s.setOperation(VirtualDeviceConfigSpecOperation.add);
    if (fileOp != null) {
      s.setFileOperation(fileOp);
    }
    s.setDevice(d);
    return s;
  }
}
