package dev.vch.vsphere.api;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vch.vsphere.api.VsphereException.Kind;
import dev.vch.vsphere.internal.Soap;
import java.net.URI;
import java.security.cert.X509Certificate;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Faults the embedded endpoint cannot easily produce, against WireMock-stubbed SOAP. */
class VsphereClientWireMockTest {

  private WireMockServer wm;

  @BeforeEach
  void start() {
    wm = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().dynamicHttpsPort());
    wm.start();
  }

  @AfterEach
  void stop() {
    wm.stop();
  }

  private void soap(String bodyContains, String response) {
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing(bodyContains))
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml; charset=utf-8")
            .withHeader("Set-Cookie", "vmware_soap_session=s1; Path=/; HttpOnly").withBody(response)));
  }

  private void serverBasics() {
    soap("<RetrieveServiceContent", Soap.serviceContent("VirtualCenter", "6.5"));
    soap("<Login", Soap.login());
    soap("<Logout", Soap.response("Logout", ""));
  }

  private VsphereTarget http(String password) {
    return new VsphereTarget(URI.create("http://127.0.0.1:" + wm.port() + "/sdk"), "user", password, null);
  }

  @Test
  void readsANewerServerAndPinsTheApiVersion() {
    serverBasics();
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      assertThat(vc.about().apiVersion()).isEqualTo("6.5");
      assertThat(vc.about().isVcenter()).isTrue();
      assertThat(vc.apiVersionSpoken()).isEqualTo("urn:vim25/6.0");
    }
    wm.verify(postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("<Login"))
        .withHeader("SOAPAction", equalTo("urn:vim25/6.0")));
  }

  @Test
  void wrongPasswordIsUnauthorized() {
    soap("<RetrieveServiceContent", Soap.serviceContent("HostAgent", "6.0"));
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("<Login"))
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml")
            .withBody(Soap.fault("InvalidLogin", "Cannot complete login due to an incorrect user name or password.", ""))));
    assertThatThrownBy(() -> VsphereClient.connect(http("wrong")))
        .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED))
        .hasMessageContaining("user name or password is incorrect");
  }

  @Test
  void sessionExpiryMidTaskLogsInAgainAndKeepsWaiting() {
    serverBasics();
    soap("<Destroy_Task", Soap.response("Destroy_Task", "<returnval type=\"Task\">task-7</returnval>"));
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("task-7")).withRequestBody(containing("<RetrieveProperties"))
        .inScenario("expiry").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(500).withHeader("Content-Type", "text/xml").withBody(Soap.notAuthenticated()))
        .willSetStateTo("expired"));
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("<Login"))
        .inScenario("expiry").whenScenarioStateIs("expired")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withHeader("Set-Cookie", "vmware_soap_session=s2; Path=/").withBody(Soap.login()))
        .willSetStateTo("renewed"));
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("task-7")).withRequestBody(containing("<RetrieveProperties"))
        .inScenario("expiry").whenScenarioStateIs("renewed")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody(Soap.taskInfo("task-7", "success", ""))));
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      vc.vms().destroy(new MoRef("VirtualMachine", "vm-1"));
    }
    wm.verify(2, postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("<Login")));
    // the task was polled again with the new session's cookie
    wm.verify(postRequestedFor(urlEqualTo("/sdk")).withRequestBody(containing("task-7"))
        .withHeader("Cookie", containing("s2")));
  }

  @Test
  void keepAliveTouchesTheSessionWhileIdle() throws Exception {
    serverBasics();
    soap("<CurrentTime", Soap.response("CurrentTime", "<returnval>2026-11-22T05:00:00Z</returnval>"));
    java.util.concurrent.CountDownLatch touched = new java.util.concurrent.CountDownLatch(2);
    wm.addMockServiceRequestListener((request, response) -> {
      if (request.getBodyAsString().contains("<CurrentTime")) {
        touched.countDown();
      }
    });
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      vc.keepAlive(java.time.Duration.ofMillis(20));
      assertThat(touched.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    }
  }

  @Test
  void taskErrorCarriesTheServersMessage() {
    serverBasics();
    soap("<Destroy_Task", Soap.response("Destroy_Task", "<returnval type=\"Task\">task-8</returnval>"));
    soap("task-8", Soap.taskInfo("task-8", "error",
        "<error><fault xsi:type=\"InvalidState\"></fault><localizedMessage>The operation is not allowed in the current state.</localizedMessage></error>"));
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      assertThatThrownBy(() -> vc.vms().destroy(new MoRef("VirtualMachine", "vm-1")))
          .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CONFLICT))
          .hasMessage("Tried to destroy VirtualMachine vm-1 but failed because The operation is not allowed in the current state.");
    }
  }

  @Test
  void unknownFaultTypeInATaskIsStillReported() {
    serverBasics();
    soap("<Destroy_Task", Soap.response("Destroy_Task", "<returnval type=\"Task\">task-9</returnval>"));
    soap("task-9", Soap.taskInfo("task-9", "error",
        "<error><fault xsi:type=\"SomeFaultFrom2030\"><newField>1</newField></fault><localizedMessage>future trouble</localizedMessage></error>"));
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      assertThatThrownBy(() -> vc.vms().destroy(new MoRef("VirtualMachine", "vm-1")))
          .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TASK_FAILED))
          .hasMessageContaining("future trouble");
    }
  }

  @Test
  void server503IsRetriedThenReportedAsUnavailable() {
    wm.stubFor(post(urlEqualTo("/sdk")).willReturn(aResponse().withStatus(503).withBody("busy")));
    assertThatThrownBy(() -> VsphereClient.connect(http("pw")))
        .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE))
        .hasMessageContaining("503");
    wm.verify(3, postRequestedFor(urlEqualTo("/sdk")));
  }

  @Test
  void aSingle503IsRetried() {
    serverBasics();
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("<RetrieveServiceContent"))
        .inScenario("flaky").whenScenarioStateIs(Scenario.STARTED)
        .willReturn(aResponse().withStatus(503)).willSetStateTo("ok"));
    wm.stubFor(post(urlEqualTo("/sdk")).withRequestBody(containing("<RetrieveServiceContent"))
        .inScenario("flaky").whenScenarioStateIs("ok")
        .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "text/xml")
            .withBody(Soap.serviceContent("HostAgent", "6.0"))));
    try (VsphereClient vc = VsphereClient.connect(http("pw"))) {
      assertThat(vc.about().isVcenter()).isFalse();
    }
  }

  @Test
  void unreachableServerIsUnavailable() {
    int port = wm.port();
    wm.stop();
    assertThatThrownBy(() -> VsphereClient.connect(
        new VsphereTarget(URI.create("http://127.0.0.1:" + port + "/sdk"), "u", "p", null)))
        .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
  }

  @Test
  void certificateIsPinnedByThumbprintAndAMismatchPrintsIt() throws Exception {
    serverBasics();
    var jvmDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
    URI https = URI.create("https://127.0.0.1:" + wm.httpsPort() + "/sdk");
    String wrong = "00:11:22:33:44:55:66:77:88:99:AA:BB:CC:DD:EE:FF:00:11:22:33";
    String actual = presentedThumbprint(wm.httpsPort());
    assertThatThrownBy(() -> VsphereClient.connect(new VsphereTarget(https, "user", "pw", wrong)))
        .isInstanceOfSatisfying(VsphereException.class, e -> {
          assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE);
          assertThat(e.thumbprint()).isEqualTo(actual);
        })
        .hasMessage("Failed to verify certificate for target=127.0.0.1 (thumbprint=" + actual + ")");
    // without a pin the self-signed certificate is not trusted either
    assertThatThrownBy(() -> VsphereClient.connect(new VsphereTarget(https, "user", "pw", null)))
        .isInstanceOfSatisfying(VsphereException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CERTIFICATE));
    try (VsphereClient vc = VsphereClient.connect(new VsphereTarget(https, "user", "pw", actual.replace(":", "")))) {
      assertThat(vc.serverThumbprint()).isEqualTo(actual);
    }
    // nothing JVM-wide was changed
    assertThat(HttpsURLConnection.getDefaultSSLSocketFactory()).isSameAs(jvmDefault);
  }

  /** Reads the server's certificate with a throw-away, test-local trust manager. */
  private static String presentedThumbprint(int port) throws Exception {
    X509Certificate[] seen = new X509Certificate[1];
    X509TrustManager capture = new X509TrustManager() {
      public void checkClientTrusted(X509Certificate[] c, String a) {}
      public void checkServerTrusted(X509Certificate[] c, String a) { seen[0] = c[0]; }
      public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
    };
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {capture}, null);
    try (var socket = (javax.net.ssl.SSLSocket) ctx.getSocketFactory().createSocket("127.0.0.1", port)) {
      socket.startHandshake();
    }
    return dev.vch.vsphere.internal.ThumbprintTrustManager.sha1(seen[0]);
  }
}
