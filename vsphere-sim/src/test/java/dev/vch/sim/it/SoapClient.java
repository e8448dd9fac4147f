package dev.vch.sim.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Raw SOAP over HTTP for wire-level tests. */
final class SoapClient {
    final HttpClient http = HttpClient.newHttpClient();
    final URI sdk;
    String cookie;

    SoapClient(URI sdk) {
        this.sdk = sdk;
    }

    static String envelope(String body) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                + "xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>"
                + body + "</soapenv:Body></soapenv:Envelope>";
    }

    HttpResponse<String> post(String action, String rawBody) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(sdk).header("Content-Type", "text/xml; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(rawBody));
        if (action != null) b.header("SOAPAction", action);
        if (cookie != null) b.header("Cookie", cookie);
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> call(String body) throws Exception {
        return post("urn:vim25/6.5", envelope(body));
    }

    void login() throws Exception {
        HttpResponse<String> r = call("<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this>"
                + "<userName>user</userName><password>pass</password></Login>");
        if (r.statusCode() != 200) throw new IllegalStateException(r.body());
        cookie = r.headers().firstValue("Set-Cookie").orElseThrow();
    }
}
