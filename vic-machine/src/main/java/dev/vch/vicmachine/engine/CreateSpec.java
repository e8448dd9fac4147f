package dev.vch.vicmachine.engine;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A validated {@code vic-machine create}: every value has been parsed strictly by the command.
 *
 * @param imageDatastore datastore of the image store (and of the appliance)
 * @param imagePath folder on it (default: the VCH name)
 * @param volumeStores label -> [datastore, path]
 * @param bridgeNetwork existing portgroup, or null to create {@code <name>-bridge}
 * @param containerNetworks alias -> portgroup
 * @param poolCpuMhz resource pool CPU limit (-1 unlimited)
 * @param poolMemoryMb resource pool memory limit (-1 unlimited)
 */
public record CreateSpec(
    String name,
    String computeResource,
    String imageDatastore,
    String imagePath,
    Map<String, List<String>> volumeStores,
    String bridgeNetwork,
    String bridgeRange,
    String publicNetwork,
    String clientNetwork,
    String managementNetwork,
    Map<String, String> containerNetworks,
    List<String> dnsServers,
    List<String> tlsCnames,
    boolean noTls,
    boolean noTlsVerify,
    List<Path> tlsCas,
    Path certPath,
    List<Path> registryCas,
    List<String> insecureRegistries,
    List<String> whitelistRegistries,
    long poolCpuMhz,
    long poolMemoryMb,
    int endpointCpus,
    long endpointMemoryMb,
    String opsUser,
    String opsPassword,
    String syslogAddress,
    String containerNameConvention,
    Path applianceIso,
    Path bootstrapIso,
    int debug,
    boolean force,
    Duration timeout) {

  public CreateSpec {
    volumeStores = Map.copyOf(volumeStores);
    containerNetworks = Map.copyOf(containerNetworks);
    dnsServers = List.copyOf(dnsServers);
    tlsCnames = List.copyOf(tlsCnames);
    tlsCas = List.copyOf(tlsCas);
    registryCas = List.copyOf(registryCas);
    insecureRegistries = List.copyOf(insecureRegistries);
    whitelistRegistries = List.copyOf(whitelistRegistries);
  }

  @Override
  public String toString() {
    return "CreateSpec[" + name + ", compute=" + computeResource + ", image=" + imageDatastore + "]";
  }
}
