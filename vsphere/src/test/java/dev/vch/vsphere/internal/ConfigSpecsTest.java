package dev.vch.vsphere.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDisk;
import com.vmware.vim25.VirtualDiskFlatVer2BackingInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import dev.vch.vsphere.api.VmSpec;
import dev.vch.vsphere.api.VsphereException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigSpecsTest {

  private static VirtualDeviceConfigSpec diskChange(VirtualMachineConfigSpec cs) {
    return Arrays.stream(cs.getDeviceChange()).filter(c -> c.getDevice() instanceof VirtualDisk).findFirst()
        .orElseThrow();
  }

  @Test
  void aChildDiskNamesItsParentAndIsCreatedWithTheVm() {
    VmSpec spec = new VmSpec("c1-abc", "otherLinux64Guest", 1, 512, "ds1", List.of("[ds1] vch/bootstrap.iso"),
        List.of(), List.of(), 8192, Map.of(), null, "[ds1] vch/images/l1/l1.vmdk");
    VirtualDeviceConfigSpec change = diskChange(ConfigSpecs.create(spec, Map.of()));
    assertThat(change.getFileOperation()).isEqualTo(VirtualDeviceConfigSpecFileOperation.create);
    VirtualDisk disk = (VirtualDisk) change.getDevice();
    assertThat(disk.getCapacityInKB()).isEqualTo(8192L * 1024);
    VirtualDiskFlatVer2BackingInfo b = (VirtualDiskFlatVer2BackingInfo) disk.getBacking();
    assertThat(b.getFileName()).isEqualTo("[ds1] c1-abc/c1-abc.vmdk");
    assertThat(b.getParent().getFileName()).isEqualTo("[ds1] vch/images/l1/l1.vmdk");
    assertThat(b.getParent().getParent()).isNull();
  }

  @Test
  void aPlainDiskHasNoParent() {
    VmSpec spec = new VmSpec("vm", null, 1, 512, "ds1", List.of(), List.of(), List.of(), 100, Map.of(), null);
    VirtualDiskFlatVer2BackingInfo b =
        (VirtualDiskFlatVer2BackingInfo) diskChange(ConfigSpecs.create(spec, Map.of())).getDevice().getBacking();
    assertThat(b.getParent()).isNull();
  }

  @Test
  void aChildDiskNeedsASize() {
    assertThatThrownBy(() -> new VmSpec("vm", null, 1, 512, "ds1", List.of(), List.of(), List.of(), 0, Map.of(), null,
        "[ds1] p.vmdk")).isInstanceOf(VsphereException.class).hasMessageContaining("needs a size");
  }
}
