package dev.vch.vsphere.internal;

import com.vmware.vim25.ws.WSClient;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.MalformedURLException;
import java.nio.charset.StandardCharsets;
import java.rmi.RemoteException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The yavijava transport, selected through {@code ClientCreator.clientClass}. It differs from
 * the stock {@link WSClient} in three ways: TLS trust is per connection (the stock client caches
 * one SSLContext for the whole JVM, or installs a trust-all one); responses are pruned of
 * properties, types and enum values newer than yavijava's model before they are parsed; and the
 * API version is pinned to {@value #PINNED_API_VERSION} or the server's, whichever is older.
 */
public class VchWsClient extends WSClient {

  private static final Logger log = LoggerFactory.getLogger(VchWsClient.class);

  /** The newest vim25 version whose model yavijava 6.0.05 carries. */
  public static final String PINNED_API_VERSION = "6.0";

  private final ThumbprintTrustManager tls;
  private final SSLSocketFactory socketFactory;

  public VchWsClient(String serverUrl, boolean ignoreCert) throws MalformedURLException, RemoteException {
    this(serverUrl, ignoreCert, null);
  }

  public VchWsClient(String serverUrl, boolean ignoreCert, TrustManager trustManager)
      throws MalformedURLException, RemoteException {
    super(serverUrl, false, null);
    if (ignoreCert) {
      // nobody in this product asks for it; refuse rather than trust everything
      throw new RemoteException("ignoring server certificates is not supported: pin a thumbprint instead");
    }
    this.tls = trustManager instanceof ThumbprintTrustManager t ? t : new ThumbprintTrustManager(null);
    this.trustManager = this.tls;
    this.socketFactory = tls.socketFactory();
  }

  public ThumbprintTrustManager tls() {
    return tls;
  }

  /** Opens a connection to a URL of this server with this client's TLS settings. */
  public HttpURLConnection open(java.net.URL url) throws IOException {
    HttpURLConnection con = (HttpURLConnection) url.openConnection();
    if (con instanceof HttpsURLConnection https) {
      https.setSSLSocketFactory(socketFactory);
      https.setHostnameVerifier(tls.hostnameVerifier());
    }
    if (connectTimeout > 0) {
      con.setConnectTimeout(connectTimeout);
    }
    if (readTimeout > 0) {
      con.setReadTimeout(readTimeout);
    }
    return con;
  }

  @Override
  protected SSLSocketFactory getCustomTrustManagerSocketFactory(TrustManager tm) {
    return null;
  }

  @Override
  protected SSLSocketFactory getTrustAllSocketFactory(boolean ignoreCert) {
    return null;
  }

  @Override
  public void setSoapActionOnApiVersion(String apiVersion) {
    soapAction = "urn:vim25/" + pin(apiVersion);
    log.debug("server API version {}, speaking {}", apiVersion, soapAction);
  }

  /** The older of the server's version and the pinned one. */
  static String pin(String serverVersion) {
    if (serverVersion == null || compare(serverVersion, PINNED_API_VERSION) >= 0) {
      return PINNED_API_VERSION;
    }
    return serverVersion;
  }

  private static int compare(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i < Math.max(x.length, y.length); i++) {
      int p = i < x.length ? parse(x[i]) : 0;
      int q = i < y.length ? parse(y[i]) : 0;
      if (p != q) {
        return Integer.compare(p, q);
      }
    }
    return 0;
  }

  private static int parse(String s) {
    String digits = s.replaceAll("[^0-9].*", "");
    return digits.isEmpty() ? 0 : Integer.parseInt(digits);
  }

  @Override
  public Object unMarshall(String returnType, InputStream is) throws Exception {
    byte[] pruned = ResponsePruner.prune(returnType, is);
    return super.unMarshall(returnType, new ByteArrayInputStream(pruned));
  }

  @Override
  protected InputStream post(String soapMsg) throws IOException {
    HttpURLConnection con = open(baseUrl);
    con.setRequestMethod("POST");
    con.setDoOutput(true);
    con.setDoInput(true);
    con.setRequestProperty("SOAPAction", soapAction == null ? "" : soapAction);
    con.setRequestProperty("Content-Type", "text/xml; charset=utf-8");
    if (cookie != null) {
      con.setRequestProperty("Cookie", cookie);
    }
    try (OutputStream os = con.getOutputStream()) {
      os.write(soapMsg.getBytes(StandardCharsets.UTF_8));
    } catch (SSLHandshakeException e) {
      throw new CertificateRejected(baseUrl.getHost(), tls.presented(), e);
    }
    int status;
    try {
      status = con.getResponseCode();
    } catch (SSLHandshakeException e) {
      throw new CertificateRejected(baseUrl.getHost(), tls.presented(), e);
    }
    if (status == 503) {
      throw new ServerUnavailable("the server at " + baseUrl + " answered 503 Service Unavailable");
    }
    InputStream body = status >= 400 ? con.getErrorStream() : con.getInputStream();
    if (body == null) {
      throw new RemoteException("the server at " + baseUrl + " answered HTTP " + status + " without a body");
    }
    String contentType = con.getContentType();
    if (status >= 400 && (contentType == null || !contentType.contains("xml"))) {
      body.close();
      throw new RemoteException("the server at " + baseUrl + " answered HTTP " + status);
    }
    if (cookie == null) {
      cookie = con.getHeaderField("Set-Cookie");
    }
    if (thumbprint == null && tls.presented() != null) {
      setServerThumbprint(tls.presented());
    }
    return body;
  }

  /** The server's certificate was refused; carries the thumbprint it presented. */
  public static final class CertificateRejected extends RemoteException {
    public final String host;
    public final String presented;

    CertificateRejected(String host, String presented, Throwable cause) {
      super("certificate of " + host + " rejected", cause);
      this.host = host;
      this.presented = presented;
    }
  }

  /** HTTP 503 from the server. */
  public static final class ServerUnavailable extends RemoteException {
    ServerUnavailable(String message) {
      super(message);
    }
  }
}
