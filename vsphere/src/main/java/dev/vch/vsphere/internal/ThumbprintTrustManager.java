package dev.vch.vsphere.internal;

import java.net.Socket;
import java.security.KeyStore;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.HexFormat;
import java.util.Locale;
import javax.net.ssl.HostnameVerifier;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Trust for one connection: with a pinned SHA-1 thumbprint the server's leaf certificate must
 * match it (and the host name is not checked, as with VIC's --thumbprint); without one the
 * JVM's default trust store and host name check apply. It records the thumbprint the server
 * presented, so that a failure can print it. Never installed JVM-wide.
 */
public final class ThumbprintTrustManager extends X509ExtendedTrustManager {

  private final String pinned;
  private final X509ExtendedTrustManager jvmDefault;
  private volatile String presented;

  public ThumbprintTrustManager(String pinnedThumbprint) {
    this.pinned = pinnedThumbprint;
    this.jvmDefault = pinnedThumbprint == null ? defaultTrustManager() : null;
  }

  public String pinned() {
    return pinned;
  }

  /** The thumbprint of the last certificate a server presented, or null. */
  public String presented() {
    return presented;
  }

  public SSLSocketFactory socketFactory() {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {this}, null);
      return ctx.getSocketFactory();
    } catch (Exception e) {
      throw new IllegalStateException("Tried to set up TLS but failed because " + e.getMessage(), e);
    }
  }

  /** With a pin the thumbprint is the identity, so any host name is accepted. */
  public HostnameVerifier hostnameVerifier() {
    return pinned != null ? (host, session) -> true : HttpsURLConnection.getDefaultHostnameVerifier();
  }

  public static String sha1(X509Certificate cert) {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-1").digest(cert.getEncoded());
      return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest).toUpperCase(Locale.ROOT);
    } catch (NoSuchAlgorithmException | CertificateEncodingException e) {
      throw new IllegalStateException(e);
    }
  }

  private void check(X509Certificate[] chain, String authType, Socket socket, SSLEngine engine)
      throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("the server presented no certificate");
    }
    presented = sha1(chain[0]);
    if (pinned != null) {
      if (!pinned.equals(presented)) {
        throw new CertificateException("thumbprint " + presented + " does not match " + pinned);
      }
      return;
    }
    if (socket != null) {
      jvmDefault.checkServerTrusted(chain, authType, socket);
    } else if (engine != null) {
      jvmDefault.checkServerTrusted(chain, authType, engine);
    } else {
      jvmDefault.checkServerTrusted(chain, authType);
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    check(chain, authType, null, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    check(chain, authType, socket, null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    check(chain, authType, null, engine);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    throw new CertificateException("this trust manager verifies servers only");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    checkClientTrusted(chain, authType);
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return jvmDefault == null ? new X509Certificate[0] : jvmDefault.getAcceptedIssuers();
  }

  private static X509ExtendedTrustManager defaultTrustManager() {
    try {
      TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init((KeyStore) null);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException("the JVM has no X509 trust manager");
    } catch (Exception e) {
      throw new IllegalStateException("Tried to load the JVM trust store but failed because " + e.getMessage(), e);
    }
  }
}
