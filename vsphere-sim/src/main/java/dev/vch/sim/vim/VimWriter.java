package dev.vch.sim.vim;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Serializes values as vim25 XML for one API version. Wire rules (see reference/vsphere-wire):
 * data objects carry {@code xsi:type} below the top level; values in untyped slots always carry
 * it (primitives as {@code xsd:*}, arrays as {@code ArrayOf*}); a MoRef in an untyped slot writes
 * {@code type} before {@code xsi:type} because vijava-era parsers take the first attribute named
 * "type". In persistence mode every value is typed so that it reads back exactly.
 */
public final class VimWriter {
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private final VimVersion version;
    private final boolean persist;

    public VimWriter(VimVersion version, boolean persist) {
        this.version = version;
        this.persist = persist;
    }

    public static VimWriter wire(VimVersion version) {
        return new VimWriter(version, false);
    }

    public static VimWriter persistence() {
        return new VimWriter(VimVersion.NEWEST, true);
    }

    public VimVersion version() {
        return version;
    }

    /** A method's return value as {@code returnval} element(s). */
    public void returnValue(StringBuilder sb, Object value) {
        if (value == null) return;
        // data objects carry xsi:type here too: polymorphic results (QueryEvents' Event[]) need it
        if (value instanceof ArrayOf a) {
            for (Object item : a.items()) element(sb, "returnval", item, false, true);
        } else if (value instanceof List<?> l) {
            for (Object item : l) element(sb, "returnval", item, false, true);
        } else {
            element(sb, "returnval", value, false, true);
        }
    }

    /** One element; {@code any} says the slot is xsd:anyType. */
    public void element(StringBuilder sb, String name, Object value, boolean any) {
        element(sb, name, value, any, true);
    }

    private void element(StringBuilder sb, String name, Object value, boolean any, boolean typedData) {
        if (value == null) return;
        boolean typed = any || persist;
        switch (value) {
            case MoRef r -> {
                sb.append('<').append(name).append(" type=\"").append(escape(r.type())).append('"');
                if (typed) sb.append(" xsi:type=\"ManagedObjectReference\"");
                sb.append('>').append(escape(r.value())).append("</").append(name).append('>');
            }
            case DataObject d -> dataObject(sb, name, d, typedData || typed);
            case ArrayOf a -> array(sb, name, a, typed);
            case List<?> l -> {
                for (Object o : l) element(sb, name, o, false, true);
            }
            case EnumValue e -> simple(sb, name, typed ? e.type() : null, e.value());
            case String s -> simple(sb, name, typed ? "xsd:string" : null, s);
            case Boolean b -> simple(sb, name, typed ? "xsd:boolean" : null, b.toString());
            case Integer i -> simple(sb, name, typed ? "xsd:int" : null, i.toString());
            case Long l -> simple(sb, name, typed ? "xsd:long" : null, l.toString());
            case Short s -> simple(sb, name, typed ? "xsd:short" : null, s.toString());
            case Byte b -> simple(sb, name, typed ? "xsd:byte" : null, b.toString());
            case Double d -> simple(sb, name, typed ? "xsd:double" : null, d.toString());
            case Instant t -> simple(sb, name, typed ? "xsd:dateTime" : null, TIME.format(t));
            default -> throw new IllegalArgumentException("cannot serialize " + value.getClass().getName() + " as " + name);
        }
    }

    private void dataObject(StringBuilder sb, String name, DataObject d, boolean typed) {
        String wireType = VersionTable.wireType(d.type(), version);
        sb.append('<').append(name);
        if (typed && wireType != null) sb.append(" xsi:type=\"").append(wireType).append('"');
        sb.append('>');
        for (Map.Entry<String, Object> f : d.fields().entrySet()) {
            if (!persist && !VersionTable.fieldVisible(d.type(), f.getKey(), version)) continue;
            element(sb, f.getKey(), f.getValue(), VersionTable.isAnySlot(d.type(), f.getKey()), true);
        }
        sb.append("</").append(name).append('>');
    }

    private void array(StringBuilder sb, String name, ArrayOf a, boolean typed) {
        if (!typed) {
            for (Object o : a.items()) element(sb, name, o, false, true);
            return;
        }
        sb.append('<').append(name).append(" xsi:type=\"").append(a.xsdName()).append("\">");
        String item = a.itemType() == null ? "anyType" : a.itemType();
        boolean itemTyped = persist || !isPrimitive(item);
        for (Object o : a.items()) {
            if (o instanceof MoRef r && !persist) {
                element(sb, item, r, false, false);
            } else {
                element(sb, item, o, itemTyped && !(o instanceof MoRef) && !isPrimitive(item) || persist, true);
            }
        }
        sb.append("</").append(name).append('>');
    }

    private static boolean isPrimitive(String item) {
        return Character.isLowerCase(item.charAt(0));
    }

    private static void simple(StringBuilder sb, String name, String xsiType, String text) {
        sb.append('<').append(name);
        if (xsiType != null) sb.append(" xsi:type=\"").append(xsiType).append('"');
        sb.append('>').append(escape(text)).append("</").append(name).append('>');
    }

    public static String escape(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '&' -> "&amp;";
                case '"' -> "&quot;";
                case '\'' -> "&apos;";
                case '\r' -> "&#13;";
                default -> c < 0x20 && c != '\n' && c != '\t' ? "" : null;
            };
            if (rep != null) {
                if (out == null) out = new StringBuilder(s.length() + 16).append(s, 0, i);
                out.append(rep);
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? s : out.toString();
    }
}
