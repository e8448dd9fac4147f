package dev.vch.vsphere.api.vch;

import dev.vch.tether.config.Common;
import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Key;
import dev.vch.tether.guestinfo.Secret;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The configuration of a Virtual Container Host, kept in its appliance VM's extraConfig
 * (VIC's encoding, {@code guestinfo.vice./...}) by vic-machine and read by the appliance at boot.
 * The presence of {@link #VERSION_KEY} marks a VM as a VCH appliance.
 *
 * @param common the VCH's id (appliance VM moref value once created) and name
 * @param version the vic-machine version that wrote it
 * @param createTime when the VCH was created
 * @param computeResource the --compute-resource path it was created in
 * @param target how the appliance reaches vSphere (the --ops-user credentials)
 * @param bootstrapIso datastore path of bootstrap.iso, which containerVMs boot ({@code [ds] vch/bootstrap.iso})
 * @param imageStores image store URLs ({@code ds://[datastore]/path})
 * @param volumeStores volume store URLs by label
 * @param network the networks the appliance and containers use
 * @param tls the Docker API's certificates
 * @param registry registry settings
 * @param containerCpus default vCPUs of a containerVM
 * @param containerMemoryMB default memory of a containerVM
 * @param syslogAddress remote syslog target ({@code tcp://host:port} or {@code udp://...})
 * @param containerNameConvention containerVM display name pattern ({@code {name}}, {@code {id}})
 * @param debug debug level 0-3
 * @param sshEnabled whether ssh into the appliance is enabled
 */
public record VchConfig(
    @Key("common") Common common,
    @Key("applianceVersion") String version,
    @Key("createTime") Instant createTime,
    @Key("computeResource") String computeResource,
    @Key("target") VchTarget target,
    @Key("bootstrapIso") String bootstrapIso,
    @Key("imageStores") List<String> imageStores,
    @Key("volumeStores") Map<String, String> volumeStores,
    @Key("network") VchNetwork network,
    @Key("tls") VchTls tls,
    @Key("registry") VchRegistry registry,
    @Key("containerCpus") int containerCpus,
    @Key("containerMemoryMB") long containerMemoryMB,
    @Key("syslogAddress") String syslogAddress,
    @Key("containerNameConvention") String containerNameConvention,
    @Key("debug") int debug,
    @Key("sshEnabled") boolean sshEnabled) {

  /** The key whose presence marks a VCH appliance. */
  public static final String VERSION_KEY = ExtraConfigCodec.PREFIX + "/applianceVersion";

  public VchConfig {
    imageStores = imageStores == null ? List.of() : List.copyOf(imageStores);
    volumeStores = volumeStores == null ? Map.of() : Map.copyOf(volumeStores);
  }

  /** This configuration as {@code version} writes it, with containerVMs booting {@code bootstrapIso}. */
  public VchConfig upgradedTo(String version, String bootstrapIso) {
    return new VchConfig(common, version, createTime, computeResource, target, bootstrapIso, imageStores, volumeStores,
        network, tls, registry, containerCpus, containerMemoryMB, syslogAddress, containerNameConvention, debug,
        sshEnabled);
  }

  public String name() {
    return common == null ? null : common.name();
  }

  /**
   * How the appliance reaches vSphere: SDK URL, credentials, pinned thumbprint, and the inventory
   * objects it works in (values of managed object references).
   */
  public record VchTarget(
      @Key("url") String sdkUrl,
      @Key("user") String user,
      @Secret @Key("password") String password,
      @Key("thumbprint") String thumbprint,
      @Key("datacenter") String datacenter,
      @Key("pool") String resourcePool,
      @Key("poolType") String resourcePoolType,
      @Key("vmFolder") String vmFolder,
      @Key("datastore") String imageDatastore) {

    @Override
    public String toString() {
      return "VchTarget[" + sdkUrl + ", user=" + user + ", password=" + ExtraConfigCodec.REDACTED + "]";
    }
  }

  /** Networks of the VCH. {@code containerNetworks}: alias -> portgroup. */
  public record VchNetwork(
      @Key("bridge") String bridgeNetwork,
      @Key("bridgeRange") String bridgeRange,
      @Key("bridgeCreated") boolean bridgeCreated,
      @Key("public") String publicNetwork,
      @Key("client") String clientNetwork,
      @Key("management") String managementNetwork,
      @Key("container") Map<String, String> containerNetworks,
      @Key("dns") List<String> dnsServers) {
    public VchNetwork {
      containerNetworks = containerNetworks == null ? Map.of() : Map.copyOf(containerNetworks);
      dnsServers = dnsServers == null ? List.of() : List.copyOf(dnsServers);
    }
  }

  /**
   * The Docker API's TLS material (PEM). {@code clientCas} empty with {@code verifyClients} false
   * is --no-tlsverify; {@code disabled} is --no-tls.
   */
  public record VchTls(
      @Key("disabled") boolean disabled,
      @Key("verifyClients") boolean verifyClients,
      @Key("serverCert") String serverCertPem,
      @Secret @Key("serverKey") String serverKeyPem,
      @Key("clientCas") String clientCasPem) {

    @Override
    public String toString() {
      return "VchTls[disabled=" + disabled + ", verifyClients=" + verifyClients + ", serverKey="
          + ExtraConfigCodec.REDACTED + "]";
    }
  }

  /**
   * Registry settings: insecure registries, extra CAs (PEM) to trust, and the whitelist (when not
   * empty, the only registries the VCH pulls from: host, host:port or CIDR).
   */
  public record VchRegistry(@Key("insecure") List<String> insecureRegistries, @Key("cas") String registryCasPem,
      @Key("whitelist") List<String> whitelist) {
    public VchRegistry {
      insecureRegistries = insecureRegistries == null ? List.of() : List.copyOf(insecureRegistries);
      whitelist = whitelist == null ? List.of() : List.copyOf(whitelist);
    }

    public VchRegistry(List<String> insecureRegistries, String registryCasPem) {
      this(insecureRegistries, registryCasPem, List.of());
    }
  }

  /** The extraConfig entries for this configuration. */
  public Map<String, String> toExtraConfig() {
    return ExtraConfigCodec.encode(this);
  }

  /** Reads a configuration back from a VM's extraConfig. */
  public static VchConfig fromExtraConfig(Map<String, String> extraConfig) {
    return ExtraConfigCodec.decode(VchConfig.class, extraConfig);
  }

  /** Whether these extraConfig entries belong to a VCH appliance. */
  public static boolean isVch(Map<String, String> extraConfig) {
    return extraConfig.containsKey(VERSION_KEY);
  }

  /** The entries with secret values hidden, for {@code inspect config} and logs. */
  public static Map<String, String> redacted(Map<String, String> extraConfig) {
    Map<String, String> shown = ExtraConfigCodec.redact(VchConfig.class, extraConfig);
    // the configuration recorded for upgrade --rollback carries the same secrets
    java.util.Set<String> previous = VchRollback.secretKeys(extraConfig);
    shown.replaceAll((k, v) -> previous.contains(k) ? ExtraConfigCodec.REDACTED : v);
    return shown;
  }
}
