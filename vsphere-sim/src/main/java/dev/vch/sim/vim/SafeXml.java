package dev.vch.sim.vim;

import java.io.InputStream;
import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses untrusted XML into {@link XmlNode}s. No DTDs at all (so no external entities and no
 * entity expansion), bounded depth and element count; anything else is an InvalidRequest fault.
 */
public final class SafeXml {
    private static final String XSI = XMLConstants.W3C_XML_SCHEMA_INSTANCE_NS_URI;
    private static final int MAX_DEPTH = 64;
    private static final int MAX_ELEMENTS = 200_000;
    private static final XMLInputFactory FACTORY = factory();

    private SafeXml() {
    }

    private static XMLInputFactory factory() {
        XMLInputFactory f = XMLInputFactory.newFactory();
        f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
        f.setProperty(XMLInputFactory.IS_COALESCING, true);
        return f;
    }

    public static XmlNode parse(InputStream in) {
        XMLStreamReader r = null;
        try {
            r = FACTORY.createXMLStreamReader(in);
            XmlNode root = null;
            java.util.ArrayDeque<XmlNode> stack = new java.util.ArrayDeque<>();
            int count = 0;
            while (r.hasNext()) {
                int ev = r.next();
                switch (ev) {
                    case XMLStreamConstants.DTD, XMLStreamConstants.ENTITY_REFERENCE, XMLStreamConstants.ENTITY_DECLARATION ->
                            throw VimFault.invalidRequest("DTDs and entity references are not accepted");
                    case XMLStreamConstants.START_ELEMENT -> {
                        if (++count > MAX_ELEMENTS) throw VimFault.invalidRequest("Request has too many elements");
                        if (stack.size() >= MAX_DEPTH) throw VimFault.invalidRequest("Request is nested too deeply");
                        XmlNode n = new XmlNode(r.getLocalName());
                        for (int i = 0; i < r.getAttributeCount(); i++) {
                            String ns = r.getAttributeNamespace(i);
                            String local = r.getAttributeLocalName(i);
                            n.attributes().put(XSI.equals(ns) ? "xsi:" + local : local, r.getAttributeValue(i));
                        }
                        String xsi = n.attributes().get("xsi:type");
                        if (xsi != null) n.attributes().put("xsi:type", normalizeType(r, xsi));
                        if (stack.isEmpty()) {
                            root = n;
                        } else {
                            stack.peek().children().add(n);
                        }
                        stack.push(n);
                    }
                    case XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE -> {
                        if (!stack.isEmpty()) stack.peek().textBuilder().append(r.getText());
                    }
                    case XMLStreamConstants.END_ELEMENT -> stack.pop();
                    default -> {
                    }
                }
            }
            if (root == null) throw VimFault.invalidRequest("Empty request");
            return root;
        } catch (XMLStreamException | RuntimeException e) {
            if (e instanceof VimFault f) throw f;
            throw VimFault.invalidRequest("Malformed XML: " + firstLine(e.getMessage()));
        } finally {
            if (r != null) {
                try {
                    r.close();
                } catch (XMLStreamException ignored) {
                    // nothing left to release
                }
            }
        }
    }

    /** "xsd:int" for XML Schema types whatever their prefix; vim types without prefix. */
    private static String normalizeType(XMLStreamReader r, String qname) {
        int colon = qname.indexOf(':');
        if (colon < 0) return qname;
        String prefix = qname.substring(0, colon);
        String local = qname.substring(colon + 1);
        String ns = r.getNamespaceURI(prefix);
        if (XMLConstants.W3C_XML_SCHEMA_NS_URI.equals(ns) || "xsd".equals(prefix) || "xs".equals(prefix)) return "xsd:" + local;
        return local;
    }

    private static String firstLine(String s) {
        if (s == null) return "unreadable";
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
