package dev.vch.vicmachine.engine;

import dev.vch.tether.guestinfo.ExtraConfigCodec;
import dev.vch.vicmachine.engine.VicMachineException.Kind;
import dev.vch.vsphere.api.MoRef;
import dev.vch.vsphere.api.VsphereClient;
import dev.vch.vsphere.api.VsphereException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;

/** The steps between powering an appliance on and its Docker API answering, shared by create and upgrade. */
final class ApplianceBoot {

  static final String SERVER_CERT = ExtraConfigCodec.PREFIX + "/tls/serverCert";
  static final String SERVER_KEY = ExtraConfigCodec.PREFIX + "/tls/serverKey";

  private ApplianceBoot() {}

  /** The appliance's IP address; TIMEOUT naming --timeout when it reports none before the deadline. */
  static String waitForIp(VsphereClient vc, MoRef ref, Instant deadline, Duration timeout) {
    Duration left = Duration.between(Instant.now(), deadline);
    try {
      return vc.vms().waitForIp(ref, left.isNegative() ? Duration.ZERO : left);
    } catch (VsphereException e) {
      if (e.kind() == VsphereException.Kind.TIMEOUT) {
        throw new VicMachineException(Kind.TIMEOUT, "the appliance reported no IP address within --timeout "
            + timeout.toSeconds() + "s", e);
      }
      throw e;
    }
  }

  /**
   * Hands the appliance (which waits for them) a server certificate that names {@code hosts}, issuing
   * a new one from the VCH's CA when the one in the certificate directory does not name {@code ip}.
   */
  static void handOverServerCert(VsphereClient vc, MoRef ref, Certificates certs, String vchName,
      Collection<String> hosts, String ip) {
    if (!certs.serverCovers(ip)) {
      certs.reissueServer(vchName, hosts);
    }
    vc.vms().setExtraConfig(ref, Map.of(SERVER_CERT, certs.serverCertPem(), SERVER_KEY, certs.serverKeyPem()));
  }

  /** {@code <dir>/<name>.env}: the Docker client's environment for the VCH at {@code ip}. */
  static void writeEnv(Path dir, String name, String ip, boolean noTls, boolean noTlsVerify) {
    try {
      Files.createDirectories(dir);
      String env = noTls ? "DOCKER_HOST=" + ip + ":2375\n"
          : (noTlsVerify ? "" : "DOCKER_TLS_VERIFY=1\nDOCKER_CERT_PATH=" + dir + "\n") + "DOCKER_HOST=" + ip + ":2376\n";
      Files.writeString(dir.resolve(name + ".env"), env);
    } catch (IOException e) {
      throw new VicMachineException(Kind.INTERNAL, "Tried to write " + name + ".env but failed because "
          + e.getMessage(), e);
    }
  }
}
