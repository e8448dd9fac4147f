package dev.vch.vicmachine.it;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsParameters;
import com.sun.net.httpserver.HttpsServer;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A stand-in for the VCH appliance, run by the simulator as a host-process VM from a test ISO:
 * it reads its TLS material from guestinfo (waiting for the server certificate as the real
 * appliance must) and answers {@code GET /_ping} on {@code VSPHERE_VM_IP:2376}, verifying client
 * certificates against the configured client CAs.
 */
public final class FakeAppliance {

  private static final String PREFIX = "guestinfo.vice./tls/";

  public static void main(String[] args) throws Exception {
    String[] gi = System.getenv("VSPHERE_GUESTINFO").split(":");
    String ip = System.getenv("VSPHERE_VM_IP");
    System.err.println("fake appliance on " + ip + ", guestinfo at " + String.join(":", gi));
    try (Socket s = new Socket(gi[0], Integer.parseInt(gi[1]));
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        PrintWriter out = new PrintWriter(s.getOutputStream(), true, StandardCharsets.UTF_8)) {
      if ("true".equals(get(in, out, PREFIX + "disabled"))) {
        // --no-tls: plain HTTP on 2375
        com.sun.net.httpserver.HttpServer plain = com.sun.net.httpserver.HttpServer.create(
            new InetSocketAddress(ip, 2375), 0);
        plain.createContext("/_ping", FakeAppliance::ok);
        plain.start();
        System.err.println("fake appliance serving http://" + ip + ":2375/_ping");
        Thread.currentThread().join();
      }
      String cert;
      while ((cert = get(in, out, PREFIX + "serverCert")) == null) {
        Thread.sleep(100); // the guestinfo channel has no change notification; poll as a guest would
      }
      String key = get(in, out, PREFIX + "serverKey");
      String cas = get(in, out, PREFIX + "clientCas");
      HttpsServer server = HttpsServer.create(new InetSocketAddress(ip, 2376), 0);
      SSLContext ctx = context(cert, key, cas);
      server.setHttpsConfigurator(new HttpsConfigurator(ctx) {
        @Override
        public void configure(HttpsParameters params) {
          var p = ctx.getDefaultSSLParameters();
          p.setNeedClientAuth(cas != null);
          params.setSSLParameters(p);
        }
      });
      server.createContext("/_ping", FakeAppliance::ok);
      server.start();
      System.err.println("fake appliance serving https://" + ip + ":2376/_ping");
      Thread.currentThread().join();
    }
  }

  private static void ok(com.sun.net.httpserver.HttpExchange ex) throws java.io.IOException {
    byte[] ok = "OK".getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(200, ok.length);
    try (OutputStream o = ex.getResponseBody()) {
      o.write(ok);
    }
  }

  private static String get(BufferedReader in, PrintWriter out, String key) throws Exception {
    out.print("get " + key + "\n");
    out.flush();
    String line = in.readLine();
    if (line == null || line.equals("none")) {
      return null;
    }
    if (!line.startsWith("ok ")) {
      throw new IllegalStateException("guestinfo: " + line);
    }
    String v = line.substring(3).replace("%0A", "\n").replace("%0D", "\r").replace("%25", "%");
    return v.isEmpty() ? null : v;
  }

  private static SSLContext context(String certPem, String keyPem, String casPem) throws Exception {
    PrivateKey key = privateKey(keyPem);
    List<Certificate> chain = certificates(certPem);
    char[] pw = "x".toCharArray();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("server", key, pw, chain.toArray(new Certificate[0]));
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, pw);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    KeyStore ts = KeyStore.getInstance("PKCS12");
    ts.load(null, null);
    if (casPem != null) {
      int i = 0;
      for (Certificate c : certificates(casPem)) {
        ts.setCertificateEntry("ca" + i++, c);
      }
    }
    tmf.init(ts);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
    return ctx;
  }

  /** PKCS#8 "PRIVATE KEY" PEM, EC or RSA; JDK only, so the ISO's class path is just the test classes. */
  private static PrivateKey privateKey(String pem) throws Exception {
    String b64 = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
    byte[] der = java.util.Base64.getDecoder().decode(b64);
    try {
      return java.security.KeyFactory.getInstance("EC").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    } catch (java.security.spec.InvalidKeySpecException e) {
      return java.security.KeyFactory.getInstance("RSA").generatePrivate(new java.security.spec.PKCS8EncodedKeySpec(der));
    }
  }

  private static List<Certificate> certificates(String pem) throws Exception {
    CertificateFactory cf = CertificateFactory.getInstance("X.509");
    List<Certificate> out = new ArrayList<>();
    for (Certificate c : cf.generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)))) {
      out.add((X509Certificate) c);
    }
    return out;
  }
}
