package dev.vch.sim.server;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.Session;
import dev.vch.sim.core.Sim;
import dev.vch.sim.mo.SessionManager;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.SafeXml;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.VimVersion;
import dev.vch.sim.vim.VimWriter;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** POST /sdk: one SOAP call; GET /sdk/vimServiceVersions.xml. */
final class SoapHandler implements HttpHandler {
    private static final Logger LOG = LoggerFactory.getLogger(SoapHandler.class);
    static final String COOKIE = "vmware_soap_session";
    private static final String ENVELOPE_START = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
            + "<soapenv:Envelope xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\" xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
            + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>";
    private static final String ENVELOPE_END = "</soapenv:Body></soapenv:Envelope>";
    private final Sim sim;
    private final long maxBody;

    SoapHandler(Sim sim, long maxBody) {
        this.sim = sim;
        this.maxBody = maxBody;
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        long start = System.nanoTime();
        try (ex) {
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("GET") && path.equals("/sdk/vimServiceVersions.xml")) {
                send(ex, 200, versions());
                return;
            }
            if (!ex.getRequestMethod().equals("POST") || !(path.equals("/sdk") || path.equals("/sdk/"))) {
                ex.sendResponseHeaders(path.startsWith("/sdk") ? 405 : 404, -1);
                return;
            }
            VimVersion version = VimVersion.fromSoapAction(ex.getRequestHeaders().getFirst("SOAPAction"));
            String method = "?";
            try {
                XmlNode env = SafeXml.parse(limited(ex.getRequestBody()));
                XmlNode body = env.child("Body");
                if (!env.name().equals("Envelope") || body == null || body.children().isEmpty()) throw VimFault.invalidRequest("Not a SOAP envelope");
                XmlNode call = body.children().getFirst();
                method = call.name();
                XmlNode thisNode = call.child("_this");
                if (thisNode == null) throw VimFault.invalidRequest("Missing _this in " + method);
                MoRef target = thisNode.moRef();
                Session session = sim.session(Cookies.session(ex.getRequestHeaders().getFirst("Cookie")));
                CallContext ctx = new CallContext(session, version, ex.getRemoteAddress().getAddress().getHostAddress(),
                        ex.getRequestHeaders().getFirst("User-Agent"));
                Object result = sim.call(target, method, call, ctx);
                if (result instanceof SessionManager.LoginResult lr) {
                    ex.getResponseHeaders().add("Set-Cookie", COOKIE + "=" + lr.session().key() + "; Path=/; HttpOnly");
                    result = lr.session().userSession();
                }
                StringBuilder sb = new StringBuilder(4096).append(ENVELOPE_START).append('<').append(method).append("Response xmlns=\"urn:vim25\">");
                VimWriter.wire(version).returnValue(sb, result);
                sb.append("</").append(method).append("Response>").append(ENVELOPE_END);
                send(ex, 200, sb.toString());
            } catch (VimFault f) {
                send(ex, 500, fault(f, version));
            } catch (BodyTooLarge e) {
                send(ex, 413, fault(VimFault.invalidRequest("Request body exceeds " + maxBody + " bytes"), version));
            } catch (RuntimeException e) {
                LOG.warn("{} failed", method, e);
                send(ex, 500, fault(VimFault.systemError(String.valueOf(e.getMessage())), version));
            } finally {
                LOG.debug("POST /sdk {} {} ms", method, (System.nanoTime() - start) / 1_000_000);
            }
        }
    }

    private InputStream limited(InputStream in) throws IOException {
        byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBody + 1));
        if (b.length > maxBody) throw new BodyTooLarge();
        return new java.io.ByteArrayInputStream(b);
    }

    private static final class BodyTooLarge extends RuntimeException {
        BodyTooLarge() {
            super(null, null, false, false);
        }
    }

    static String fault(VimFault f, VimVersion v) {
        StringBuilder sb = new StringBuilder(1024).append(ENVELOPE_START).append("<soapenv:Fault><faultcode>")
                .append(f.clientFault() ? "ClientFaultCode" : "ServerFaultCode").append("</faultcode><faultstring>")
                .append(VimWriter.escape(f.getMessage())).append("</faultstring><detail>");
        DataObject d = f.fault();
        StringBuilder inner = new StringBuilder();
        VimWriter w = VimWriter.wire(v);
        for (var e : d.fields().entrySet()) w.element(inner, e.getKey(), e.getValue(), false);
        sb.append('<').append(d.type()).append("Fault xmlns=\"urn:vim25\" xsi:type=\"").append(d.type()).append("\">").append(inner)
                .append("</").append(d.type()).append("Fault>");
        return sb.append("</detail></soapenv:Fault>").append(ENVELOPE_END).toString();
    }

    private static String versions() {
        StringBuilder sb = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<namespaces version=\"1.0\">\n <namespace>\n  <name>urn:vim25</name>\n  <version>")
                .append(VimVersion.NEWEST).append("</version>\n  <priorVersions>\n");
        for (VimVersion v : VimVersion.SUPPORTED.subList(1, VimVersion.SUPPORTED.size())) sb.append("   <version>").append(v).append("</version>\n");
        return sb.append("  </priorVersions>\n </namespace>\n</namespaces>\n").toString();
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/xml; charset=utf-8");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }
}
