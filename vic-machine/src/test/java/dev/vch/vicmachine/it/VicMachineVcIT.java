package dev.vch.vicmachine.it;

/**
 * vic-machine against the embedded endpoint as a vCenter with a cluster of two hosts. Create is
 * covered up to the appliance VM (validation, vApp, portgroups on both hosts, uploads, cleanup):
 * the endpoint refuses a VM named like the vApp it is created in (DuplicateName), which real
 * vCenter and VIC allow, so the managed VCH is planted through the vSphere client instead.
 */
class VicMachineVcIT extends VicMachineSimTests {

  @Override
  String model() {
    return "vc";
  }

  @Override
  void provision(String name) throws Exception {
    VchFixture.plant(sim, name, TestIsos.silentAppliance(work));
  }
}
