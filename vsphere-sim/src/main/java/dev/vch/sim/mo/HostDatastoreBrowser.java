package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.VimFault;
import dev.vch.sim.vim.XmlNode;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** SearchDatastore_Task / SearchDatastoreSubFolders_Task over a datastore's directory. */
public final class HostDatastoreBrowser extends ManagedObject {
    public HostDatastoreBrowser(Sim sim, MoRef ref) {
        super(sim, ref);
    }

    public static HostDatastoreBrowser create(Sim sim, String id, MoRef ds) {
        HostDatastoreBrowser b = new HostDatastoreBrowser(sim, new MoRef("HostDatastoreBrowser", id));
        b.props.put("datastore", ArrayOf.of("ManagedObjectReference", List.of(ds)));
        b.props.put("supportedType", ArrayOf.of("FileQuery"));
        return sim.inventory().add(b);
    }

    @Override
    public boolean persistent() {
        return true;
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "SearchDatastore_Task", "SearchDatastoreSubFolders_Task" -> {
                String path = Args.requiredText(args, "datastorePath");
                Datastore ds = sim.datastores().datastore(dev.vch.sim.core.Datastores.parse(path).datastore());
                if (ds == null) throw VimFault.invalidDatastorePath(path);
                boolean sub = method.startsWith("SearchDatastoreSub");
                yield sim.runTask(ds, method.replace("_Task", ""), "HostDatastoreBrowser." + (sub ? "searchSubFolders" : "search"), ctx,
                        () -> search(ds, path, args.child("searchSpec"), sub));
            }
            default -> super.invoke(method, args, ctx);
        };
    }

    private Object search(Datastore ds, String path, XmlNode spec, boolean sub) {
        Path dir = sim.datastores().resolve(path);
        if (!Files.isDirectory(dir)) throw VimFault.fileNotFound(path);
        List<PathMatcher> patterns = new ArrayList<>();
        XmlNode details = null;
        if (spec != null) {
            for (String p : Args.texts(spec, "matchPattern")) patterns.add(FileSystems.getDefault().getPathMatcher("glob:" + p));
            details = spec.child("details");
        }
        List<Path> dirs = new ArrayList<>();
        if (sub) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.filter(Files::isDirectory).forEach(dirs::add);
            } catch (IOException e) {
                throw VimFault.systemError(e.getMessage());
            }
        } else {
            dirs.add(dir);
        }
        ArrayOf results = ArrayOf.of("HostDatastoreBrowserSearchResults");
        for (Path d : dirs) results.items().add(result(ds, d, patterns, details));
        return sub ? results : results.items().getFirst();
    }

    private DataObject result(Datastore ds, Path dir, List<PathMatcher> patterns, XmlNode details) {
        ArrayOf files = ArrayOf.of("FileInfo");
        try (Stream<Path> s = Files.list(dir)) {
            for (Path f : s.sorted().toList()) {
                String n = f.getFileName().toString();
                if (!patterns.isEmpty() && patterns.stream().noneMatch(m -> m.matches(f.getFileName()))) continue;
                String type = Files.isDirectory(f) ? "FolderFileInfo" : n.endsWith(".vmdk") ? "VmDiskFileInfo" : n.endsWith(".iso") ? "IsoImageFileInfo"
                        : n.endsWith(".vmx") ? "VmConfigFileInfo" : n.endsWith(".log") ? "VmLogFileInfo" : "FileInfo";
                DataObject fi = DataObject.of(type, "path", n);
                if (details == null || "true".equals(details.childText("fileSize"))) fi.put("fileSize", Files.isDirectory(f) ? 0L : Files.size(f));
                if (details == null || "true".equals(details.childText("modification"))) fi.put("modification", Instant.ofEpochMilli(Files.getLastModifiedTime(f).toMillis()));
                files.items().add(fi);
            }
        } catch (IOException e) {
            throw VimFault.systemError(e.getMessage());
        }
        DataObject r = DataObject.of("HostDatastoreBrowserSearchResults", "datastore", ds.ref(), "folderPath", sim.datastores().dsPath(ds, dir));
        if (!files.items().isEmpty()) r.put("file", files);
        return r;
    }
}
