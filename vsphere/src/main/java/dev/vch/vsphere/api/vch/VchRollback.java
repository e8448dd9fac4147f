package dev.vch.vsphere.api.vch;

import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.tether.guestinfo.Key;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * What {@code vic-machine upgrade} replaced, kept in the appliance's extraConfig under
 * {@code guestinfo.vice./rollback/...} so that {@code upgrade --rollback} can put it back. VIC took
 * a VM snapshot for this; the vSphere API of the embedded endpoint has no snapshots, and a record
 * of the previous state works the same on every target.
 *
 * @param version the version the VCH had before the upgrade
 * @param applianceIso the datastore path its appliance booted ({@code [ds] vch/appliance.iso})
 * @param upgradedTo the version the upgrade installed
 * @param upgradeTime when the upgrade ran
 * @param config the VCH configuration before the upgrade (secrets stay secret: {@link VchConfig#redacted})
 */
public record VchRollback(
    @Key("version") String version,
    @Key("applianceIso") String applianceIso,
    @Key("upgradedTo") String upgradedTo,
    @Key("upgradeTime") Instant upgradeTime,
    @Key("config") VchConfig config) {

  /** The segment under which the record lives, next to the configuration it belongs to. */
  private record Stored(@Key("rollback") VchRollback rollback) {}

  /** The first key of every entry of the record. */
  public static final String KEY_PREFIX = ExtraConfigCodec.PREFIX + "/rollback/";

  /** The extraConfig entries for this record. */
  public Map<String, String> toExtraConfig() {
    return ExtraConfigCodec.encode(new Stored(this));
  }

  /** The record in a VM's extraConfig, or null when none was written (or it was cleared). */
  public static VchRollback fromExtraConfig(Map<String, String> extraConfig) {
    return ExtraConfigCodec.decode(Stored.class, extraConfig).rollback();
  }

  /** The entries that remove every key of a record present in {@code extraConfig} (empty values). */
  public static Map<String, String> clearing(Map<String, String> extraConfig) {
    Map<String, String> out = new HashMap<>();
    extraConfig.keySet().stream().filter(k -> k.startsWith(KEY_PREFIX)).forEach(k -> out.put(k, ""));
    return out;
  }

  /** The keys of the record present in {@code extraConfig} whose values are secret. */
  static Set<String> secretKeys(Map<String, String> extraConfig) {
    return ExtraConfigCodec.secretKeys(Stored.class, extraConfig);
  }
}
