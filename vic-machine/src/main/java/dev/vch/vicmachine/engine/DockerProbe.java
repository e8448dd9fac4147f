package dev.vch.vicmachine.engine;

import dev.vch.personality.tls.CertificateFiles;
import dev.vch.vicmachine.engine.VicMachineException.Kind;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * Waits until the VCH's Docker API answers {@code GET /_ping} with 200: over TLS with the
 * generated client certificate, trusting only the VCH's CA and checking the server's name.
 */
public final class DockerProbe {

  private DockerProbe() {}

  public static void await(String ip, boolean noTls, CertificateFiles.Set certs, Instant deadline) {
    HttpClient client = noTls ? HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build()
        : HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).sslContext(sslContext(certs)).build();
    URI uri = URI.create((noTls ? "http://" : "https://") + ip + (noTls ? ":2375" : ":2376") + "/_ping");
    String last = "no answer";
    long delay = 100;
    try (client) {
      while (true) {
        try {
          HttpResponse<String> r = client.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).GET().build(),
              HttpResponse.BodyHandlers.ofString());
          if (r.statusCode() == 200) {
            return;
          }
          last = "HTTP " + r.statusCode();
        } catch (java.io.IOException e) {
          last = e.toString();
        }
        if (Instant.now().plusMillis(delay).isAfter(deadline)) {
          throw new VicMachineException(Kind.TIMEOUT, "the Docker API at " + uri + " did not answer before the timeout"
              + " (--timeout); last attempt: " + last);
        }
        Thread.sleep(delay);
        delay = Math.min(1000, delay * 2);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new VicMachineException(Kind.INTERNAL, "interrupted while waiting for the Docker API");
    }
  }

  static SSLContext sslContext(CertificateFiles.Set certs) {
    try {
      char[] pw = "vic".toCharArray();
      KeyStore keys = KeyStore.getInstance("PKCS12");
      keys.load(null, null);
      keys.setKeyEntry("client", certs.client().privateKey(), pw,
          new Certificate[] {certs.client().certificate(), certs.ca().certificate()});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(keys, pw);
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("ca", certs.ca().certificate());
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new VicMachineException(Kind.INTERNAL, "cannot set up TLS for the Docker API probe: " + e.getMessage(), e);
    }
  }
}
