package dev.vch.iso;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The kernel modules an ISO needs, with their dependencies, in load order. Dependencies come from
 * each module's {@code depends=} in its .modinfo section (what depmod reads), so the guest needs no
 * modules.dep and no modprobe: the tether loads the list in order.
 */
final class ModuleOrder {

    private ModuleOrder() {
    }

    static List<Path> resolve(Path modulesRoot, List<String> wanted) throws IOException {
        Map<String, Path> byName = new HashMap<>();
        try (Stream<Path> s = Files.walk(modulesRoot)) {
            s.filter(p -> p.toString().endsWith(".ko")).forEach(p -> byName.put(norm(p.getFileName().toString().replaceAll("\\.ko$", "")), p));
        }
        Set<String> ordered = new LinkedHashSet<>();
        for (String w : wanted) visit(norm(w), byName, ordered, new LinkedHashSet<>());
        List<Path> out = new ArrayList<>();
        for (String n : ordered) out.add(byName.get(n));
        return out;
    }

    private static void visit(String name, Map<String, Path> byName, Set<String> ordered, Set<String> path) throws IOException {
        if (ordered.contains(name)) return;
        if (!path.add(name)) throw new IOException("kernel module dependency cycle through " + name);
        Path ko = byName.get(name);
        if (ko == null) throw new IOException("Tried to add kernel module " + name + " but the kernel package has no " + name + ".ko (built in?)");
        for (String dep : depends(ko)) visit(norm(dep), byName, ordered, path);
        path.remove(name);
        ordered.add(name);
    }

    static List<String> depends(Path ko) throws IOException {
        String text = new String(Files.readAllBytes(ko), StandardCharsets.ISO_8859_1);
        int at = text.indexOf("\0depends=");
        if (at < 0) return List.of();
        int start = at + "\0depends=".length();
        int end = text.indexOf('\0', start);
        String list = text.substring(start, end);
        return list.isEmpty() ? List.of() : List.of(list.split(","));
    }

    private static String norm(String n) {
        return n.replace('-', '_');
    }
}
