package dev.vch.vicmachine.engine;

import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;

/**
 * Moves a VCH's appliance to another boot ISO and configuration, the way upgrade and rollback both
 * need: power off, one reconfigure (CD-ROM and extraConfig together), power on, wait for the IP,
 * hand over a server certificate for that address, wait for the Docker API. When a step fails,
 * the appliance is moved back the same way to the ISO, entries and power state it had, and the
 * error says what happened to it. Containers are untouched: the appliance rebuilds its state from
 * vSphere when it boots.
 */
final class ApplianceSwitch {

  /** The least time a return to the previous state gets, whatever --timeout the failed move had (as VIC). */
  static final Duration RESTORE_TIMEOUT = Duration.ofMinutes(3);

  private final VsphereClient vc;
  private final PrintStream out;
  private final Certificates certs;
  private final Duration timeout;

  /** {@code certs} null for a VCH without TLS (--no-tls). */
  ApplianceSwitch(VsphereClient vc, PrintStream out, Certificates certs, Duration timeout) {
    this.vc = vc;
    this.out = out;
    this.certs = certs;
    this.timeout = timeout;
  }

  /**
   * Boots {@code v}'s appliance from {@code iso} with {@code changes} applied to its extraConfig.
   * {@code what} names the move in messages ("upgrade VCH x to 1.2"), {@code back} the state a
   * failure returns to ("version 1.1"); {@code cleanup} runs once a failed move was undone.
   */
  String run(Vch v, String iso, Map<String, String> changes, String what, String back, Runnable cleanup) {
    MoRef ref = v.appliance().ref();
    String oldIso = vc.vms().cdromIso(ref);
    boolean wasOn = vc.vms().info(ref).poweredOn();
    Map<String, String> undo = new HashMap<>();
    changes.keySet().forEach(k -> undo.put(k, v.appliance().extraConfig().getOrDefault(k, "")));
    if (certs != null) {
      // left powered off, the appliance must find the certificate it had
      undo.put(ApplianceBoot.SERVER_CERT, v.appliance().extraConfig().getOrDefault(ApplianceBoot.SERVER_CERT, ""));
      undo.put(ApplianceBoot.SERVER_KEY, v.appliance().extraConfig().getOrDefault(ApplianceBoot.SERVER_KEY, ""));
    }
    try {
      return boot(v, iso, changes, true, timeout);
    } catch (RuntimeException e) {
      out.println("Failed to " + what + ": " + e.getMessage());
      out.println("Returning the appliance to " + back);
      try {
        boot(v, oldIso, undo, wasOn, timeout.compareTo(RESTORE_TIMEOUT) > 0 ? timeout : RESTORE_TIMEOUT);
        cleanup.run();
      } catch (RuntimeException r) {
        out.println("Failed to return the appliance to " + back + ": " + r.getMessage());
        VicMachineException both = new VicMachineException(kind(e), "Tried to " + what + " but failed because "
            + e.getMessage() + "; returning it to " + back + " failed too because " + r.getMessage()
            + "; its previous boot ISO is " + oldIso, e);
        both.addSuppressed(r);
        throw both;
      }
      out.println("The appliance is back at " + back);
      throw new VicMachineException(kind(e), "Tried to " + what + " but failed because " + e.getMessage()
          + "; the VCH was returned to " + back, e);
    }
  }

  /** Power-cycles onto {@code iso}; returns the appliance's IP, or null when left powered off. */
  private String boot(Vch v, String iso, Map<String, String> changes, boolean powerOn, Duration limit) {
    Instant deadline = Instant.now().plus(limit);
    MoRef ref = v.appliance().ref();
    if (vc.vms().info(ref).poweredOn()) {
      out.println("Powering off the appliance");
      vc.vms().powerOff(ref);
    }
    Map<String, String> all = new HashMap<>(changes);
    if (certs != null && powerOn) {
      // the address may change with the power cycle: the appliance waits for a certificate issued for it
      all.put(ApplianceBoot.SERVER_CERT, "");
      all.put(ApplianceBoot.SERVER_KEY, "");
    }
    out.println("Setting the appliance to boot " + iso);
    vc.vms().reconfigure(ref, iso, all);
    if (!powerOn) {
      return null;
    }
    out.println("Powering on the appliance");
    vc.vms().powerOn(ref);
    String ip = ApplianceBoot.waitForIp(vc, ref, deadline, limit);
    out.println("Appliance IP address: " + ip);
    if (certs != null) {
      LinkedHashSet<String> hosts = new LinkedHashSet<>(certs.serverNames());
      hosts.add(v.name());
      hosts.add(ip);
      ApplianceBoot.handOverServerCert(vc, ref, certs, v.name(), new ArrayList<>(hosts), ip);
    }
    out.println("Waiting for the Docker API to answer");
    DockerProbe.await(ip, certs == null, certs == null ? null : certs.set(), deadline);
    if (certs != null) {
      // the address may have changed: the client's environment follows it
      ApplianceBoot.writeEnv(certs.dir(), v.name(), ip, false, !v.config().tls().verifyClients());
    }
    return ip;
  }

  private static Kind kind(RuntimeException e) {
    if (e instanceof VicMachineException v) {
      return v.kind();
    }
    if (e instanceof VsphereException v) {
      for (Kind k : Kind.values()) {
        if (k.name().equals(v.kind().name())) {
          return k;
        }
      }
    }
    return Kind.INTERNAL;
  }
}
