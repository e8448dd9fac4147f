package dev.vch.vicmachine.it;

/** vic-machine against the embedded endpoint as a vCenter with a cluster of two hosts (vApp). */
class VicMachineVcIT extends VicMachineSimTests {
  @Override
  String model() {
    return "vc";
  }
}
