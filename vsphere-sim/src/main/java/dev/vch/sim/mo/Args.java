package dev.vch.sim.mo;

import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** Reads method arguments from the request element, with InvalidArgument for what is missing or malformed. */
public final class Args {
    private Args() {
    }

    public static String text(XmlNode args, String name) {
        return args.childText(name);
    }

    public static String requiredText(XmlNode args, String name) {
        String v = args.childText(name);
        if (v == null) throw VimFault.invalidArgument(name);
        return v;
    }

    public static boolean bool(XmlNode args, String name, boolean dflt) {
        String v = args.childText(name);
        return v == null || v.isEmpty() ? dflt : v.equals("true") || v.equals("1");
    }

    public static Long longValue(XmlNode args, String name) {
        String v = args.childText(name);
        if (v == null) return null;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw VimFault.invalidArgument(name);
        }
    }

    public static MoRef ref(XmlNode args, String name) {
        XmlNode n = args.child(name);
        if (n == null) return null;
        try {
            return n.moRef();
        } catch (VimFault f) {
            throw VimFault.invalidArgument(name);
        }
    }

    public static MoRef requiredRef(XmlNode args, String name) {
        MoRef r = ref(args, name);
        if (r == null) throw VimFault.invalidArgument(name);
        return r;
    }

    /** A data-object argument (xsi:type honoured); null when absent. */
    public static DataObject data(XmlNode args, String name) {
        XmlNode n = args.child(name);
        if (n == null) return null;
        Object v = n.value();
        if (v instanceof DataObject d) return d;
        if (v instanceof String s && s.isBlank()) return new DataObject(n.xsiType());
        throw VimFault.invalidArgument(name);
    }

    public static List<String> texts(XmlNode args, String name) {
        List<String> out = new ArrayList<>();
        for (XmlNode n : args.all(name)) out.add(n.text().trim());
        return out;
    }
}
