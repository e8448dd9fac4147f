package dev.vch.sim.core;

import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.util.ArrayList;
import java.util.List;

/** A PropertyFilterSpec read from a request: which properties of which types, from which objects by which traversals. */
public record FilterSpec(List<PropSpec> propSet, List<ObjSpec> objectSet) {

    public record PropSpec(String type, boolean all, List<String> pathSet) {
    }

    public record ObjSpec(MoRef obj, boolean skip, List<Selection> selectSet) {
    }

    /** A SelectionSpec: a bare name refers to a TraversalSpec of that name; otherwise a TraversalSpec itself. */
    public record Selection(String name, String type, String path, boolean skip, List<Selection> selectSet) {
        boolean isTraversal() {
            return type != null && path != null;
        }
    }

    public static FilterSpec parse(XmlNode spec) {
        if (spec == null) throw VimFault.invalidArgument("specSet");
        List<PropSpec> props = new ArrayList<>();
        for (XmlNode p : spec.all("propSet")) {
            String type = p.childText("type");
            if (type == null || type.isEmpty()) throw VimFault.invalidArgument("propSet.type");
            List<String> paths = new ArrayList<>();
            for (XmlNode ps : p.all("pathSet")) paths.add(ps.text().trim());
            props.add(new PropSpec(type, "true".equals(p.childText("all")), paths));
        }
        List<ObjSpec> objs = new ArrayList<>();
        for (XmlNode o : spec.all("objectSet")) {
            XmlNode obj = o.child("obj");
            if (obj == null) throw VimFault.invalidArgument("objectSet.obj");
            objs.add(new ObjSpec(obj.moRef(), "true".equals(o.childText("skip")), selections(o, 0)));
        }
        return new FilterSpec(props, objs);
    }

    private static List<Selection> selections(XmlNode parent, int depth) {
        if (depth > 32) throw VimFault.invalidArgument("selectSet");
        List<Selection> out = new ArrayList<>();
        for (XmlNode s : parent.all("selectSet")) {
            String type = s.childText("type");
            String path = s.childText("path");
            out.add(new Selection(s.childText("name"), type, path, "true".equals(s.childText("skip")),
                    type != null ? selections(s, depth + 1) : List.of()));
        }
        return out;
    }
}
