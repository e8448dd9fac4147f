package dev.vch.vicmachine.engine;

import dev.vch.personality.tls.CertificateFiles;
import dev.vch.personality.tls.CertificateGenerator;
import dev.vch.personality.tls.IssuedCertificate;
import dev.vch.personality.tls.Pem;
import dev.vch.vicmachine.engine.VicMachineException.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/**
 * The VCH's certificates in --tls-cert-path (ca.pem, ca-key.pem, server-cert.pem,
 * server-key.pem, cert.pem, key.pem), generated with the personality's generator; an existing
 * complete set there is reused, as VIC does.
 */
public final class Certificates {

  private static final List<String> ALL = List.of(CertificateFiles.CA, CertificateFiles.CA_KEY,
      CertificateFiles.CLIENT_CERT, CertificateFiles.CLIENT_KEY, CertificateFiles.SERVER_CERT, CertificateFiles.SERVER_KEY);

  private final Path dir;
  private final boolean createdDir;
  private CertificateFiles.Set set;

  private Certificates(Path dir, boolean createdDir, CertificateFiles.Set set) {
    this.dir = dir;
    this.createdDir = createdDir;
    this.set = set;
  }

  /** Loads the set in {@code dir} or generates one for {@code hosts}. */
  public static Certificates prepare(Path dir, String vchName, Collection<String> hosts) {
    try {
      boolean exists = Files.isDirectory(dir);
      if (exists && ALL.stream().allMatch(f -> Files.isRegularFile(dir.resolve(f)))) {
        return new Certificates(dir, false, CertificateFiles.read(dir));
      }
      CertificateFiles.Set set = CertificateFiles.generate(new CertificateGenerator(), vchName, hosts);
      CertificateFiles.write(dir, set);
      return new Certificates(dir, !exists, set);
    } catch (IOException | RuntimeException e) {
      throw new VicMachineException(Kind.INVALID, "--tls-cert-path: tried to write certificates to " + dir
          + " but failed because " + e.getMessage(), e);
    }
  }

  /**
   * The complete set create left in {@code dir}; INVALID naming --tls-cert-path when a file is
   * missing (upgrade needs the CA key to certify the appliance's address and the client
   * certificate to reach its Docker API).
   */
  public static Certificates load(Path dir) {
    List<String> missing = ALL.stream().filter(f -> !Files.isRegularFile(dir.resolve(f))).toList();
    if (!missing.isEmpty()) {
      throw VicMachineException.invalid("--tls-cert-path: " + dir + " lacks " + String.join(", ", missing)
          + "; give the directory create wrote the VCH's certificates to");
    }
    try {
      return new Certificates(dir, false, CertificateFiles.read(dir));
    } catch (IOException | RuntimeException e) {
      throw VicMachineException.invalid("--tls-cert-path: tried to read the certificates in " + dir
          + " but failed because " + e.getMessage());
    }
  }

  /** The DNS names (not addresses) the server certificate is issued for. */
  public List<String> serverNames() {
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = set.server().certificate().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() > 1 && Integer.valueOf(2).equals(san.get(0))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (java.security.cert.CertificateParsingException e) {
      throw new VicMachineException(Kind.INVALID, "--tls-cert-path: tried to read the names in " + dir
          + "/" + CertificateFiles.SERVER_CERT + " but failed because " + e.getMessage(), e);
    }
    return names;
  }

  public Path dir() {
    return dir;
  }

  /** Whether this run created the directory (so a failed create removes it). */
  public boolean createdDir() {
    return createdDir;
  }

  /** Whether the server certificate names this host or address. */
  public boolean serverCovers(String host) {
    try {
      Collection<List<?>> sans = set.server().certificate().getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() > 1 && host.equalsIgnoreCase(String.valueOf(san.get(1)))) {
            return true;
          }
        }
      }
      return false;
    } catch (Exception e) {
      return false;
    }
  }

  /** Issues a new server certificate from the same CA for these hosts and rewrites the server files. */
  public void reissueServer(String vchName, Collection<String> hosts) {
    IssuedCertificate server = new CertificateGenerator().createServer(set.ca(), vchName, hosts);
    set = new CertificateFiles.Set(set.ca(), server, set.client());
    try {
      Pem.writeCertificate(dir.resolve(CertificateFiles.SERVER_CERT), server.certificate());
      Pem.writePrivateKey(dir.resolve(CertificateFiles.SERVER_KEY), server.privateKey());
    } catch (IOException e) {
      throw new VicMachineException(Kind.INTERNAL, "tried to write the server certificate to " + dir
          + " but failed because " + e.getMessage(), e);
    }
  }

  public String caPem() {
    return Pem.encode(set.ca().certificate());
  }

  public String serverCertPem() {
    return Pem.encode(set.server().certificate()) + Pem.encode(set.ca().certificate());
  }

  public String serverKeyPem() {
    return Pem.encode(set.server().privateKey());
  }

  /** Client CAs the appliance trusts: the generated CA plus --tls-ca bundles. */
  public String clientCasPem(List<Path> extraCas) {
    StringBuilder sb = new StringBuilder(caPem());
    for (Path p : extraCas) {
      try {
        for (X509Certificate c : Pem.readCertificates(p)) {
          sb.append(Pem.encode(c));
        }
      } catch (IOException e) {
        throw VicMachineException.invalid("--tls-ca: cannot read " + p + ": " + e.getMessage());
      }
    }
    return sb.toString();
  }

  public CertificateFiles.Set set() {
    return set;
  }

  /** Removes what {@link #prepare} wrote, when it created the directory. */
  public void removeIfCreated() throws IOException {
    if (!createdDir) {
      return;
    }
    List<Path> files = new ArrayList<>();
    try (Stream<Path> s = Files.walk(dir)) {
      s.forEach(files::add);
    }
    for (int i = files.size() - 1; i >= 0; i--) {
      Files.deleteIfExists(files.get(i));
    }
  }
}
