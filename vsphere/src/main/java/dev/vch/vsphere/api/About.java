package dev.vch.vsphere.api;

/** What the server says it is ({@code ServiceContent.about}). */
public record About(String name, String fullName, String apiType, String apiVersion, String version,
    String build, String instanceUuid) {

  /** vCenter answers {@code VirtualCenter}, ESXi {@code HostAgent}. */
  public boolean isVcenter() {
    return "VirtualCenter".equals(apiType);
  }
}
