package dev.vch.vicmachine.it;

/** vic-machine against the embedded endpoint as a standalone ESXi host (resource pool). */
class VicMachineEsxIT extends VicMachineSimTests {
  @Override
  String model() {
    return "esx";
  }
}
