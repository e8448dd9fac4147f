package dev.vch.sim.vim;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A parsed XML element: local name, attributes by local name (xsi:type as "xsi:type"), children, text. */
public final class XmlNode {
    private final String name;
    private final Map<String, String> attributes = new LinkedHashMap<>();
    private final List<XmlNode> children = new ArrayList<>();
    private final StringBuilder text = new StringBuilder();

    public XmlNode(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    public Map<String, String> attributes() {
        return attributes;
    }

    public List<XmlNode> children() {
        return children;
    }

    StringBuilder textBuilder() {
        return text;
    }

    public String text() {
        return text.toString();
    }

    /** The xsi:type without a namespace prefix for vim types; "xsd:string" style kept for XML Schema types. */
    public String xsiType() {
        return attributes.get("xsi:type");
    }

    public XmlNode child(String n) {
        for (XmlNode c : children) {
            if (c.name.equals(n)) return c;
        }
        return null;
    }

    public List<XmlNode> all(String n) {
        List<XmlNode> out = new ArrayList<>();
        for (XmlNode c : children) {
            if (c.name.equals(n)) out.add(c);
        }
        return out;
    }

    public String childText(String n) {
        XmlNode c = child(n);
        return c == null ? null : c.text().trim();
    }

    /** This element as a MoRef ({@code <x type="T">id</x>}); InvalidRequest when it is not one. */
    public MoRef moRef() {
        String type = attributes.get("type");
        if (type == null || type.isBlank()) throw VimFault.invalidRequest("Element " + name + " is not a ManagedObjectReference");
        return new MoRef(type, text().trim());
    }

    /**
     * This element as a generic value: typed by its xsi:type when present, a MoRef when it carries
     * a "type" attribute, a DataObject when it has children, its text otherwise. Repeated children
     * become an {@link ArrayOf}.
     */
    public Object value() {
        String xsi = xsiType();
        if (xsi != null) {
            if (xsi.startsWith("xsd:")) return primitive(xsi.substring(4), text());
            if (xsi.equals("ManagedObjectReference")) return moRef();
            if (xsi.startsWith("ArrayOf")) return arrayValue(xsi);
            // a typed element with text and no children is an enum value
            if (children.isEmpty() && !text.toString().isBlank()) return new EnumValue(xsi, text().trim());
            return dataObject(xsi);
        }
        if (attributes.containsKey("type") && children.isEmpty()) return moRef();
        if (!children.isEmpty()) return dataObject(null);
        return text();
    }

    private ArrayOf arrayValue(String xsi) {
        String item = xsi.substring("ArrayOf".length());
        if (!item.isEmpty() && isPrimitiveArray(item)) item = Character.toLowerCase(item.charAt(0)) + item.substring(1);
        List<Object> items = new ArrayList<>();
        for (XmlNode c : children) {
            Object v = c.value();
            if (c.xsiType() == null && v instanceof String s && isPrimitiveArray(xsi.substring(7))) v = primitive(item, s);
            items.add(v);
        }
        return new ArrayOf(item.equals("AnyType") ? null : item, items);
    }

    private static boolean isPrimitiveArray(String item) {
        return switch (item) {
            case "String", "Int", "Long", "Short", "Byte", "Boolean", "DateTime", "Double", "Float", "AnyType" -> true;
            default -> false;
        };
    }

    private DataObject dataObject(String type) {
        DataObject d = new DataObject(type);
        for (XmlNode c : children) {
            Object v = c.value();
            Object prev = d.get(c.name);
            if (prev == null) {
                d.put(c.name, v);
            } else if (prev instanceof ArrayOf a && a.itemType() == null && !(v instanceof ArrayOf)) {
                a.items().add(v);
            } else {
                List<Object> items = new ArrayList<>();
                items.add(prev);
                items.add(v);
                d.put(c.name, new ArrayOf(null, items));
            }
        }
        return d;
    }

    static Object primitive(String xsdType, String text) {
        String t = text.trim();
        try {
            return switch (xsdType) {
                case "string", "anyURI" -> text;
                case "int" -> Integer.valueOf(t);
                case "long" -> Long.valueOf(t);
                case "short" -> Short.valueOf(t);
                case "byte" -> Byte.valueOf(t);
                case "boolean" -> Boolean.valueOf(t.equals("1") || t.equalsIgnoreCase("true"));
                case "double", "float" -> Double.valueOf(t);
                case "dateTime" -> Instant.parse(t);
                default -> text;
            };
        } catch (RuntimeException e) {
            throw VimFault.invalidRequest("Cannot read '" + t + "' as xsd:" + xsdType);
        }
    }
}
