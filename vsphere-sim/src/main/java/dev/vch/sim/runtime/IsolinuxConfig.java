package dev.vch.sim.runtime;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The default boot entry of an {@code isolinux.cfg}, as isolinux would pick it: the label named by
 * {@code DEFAULT}, else the one marked {@code MENU DEFAULT}, else {@code ONTIMEOUT}'s, else
 * {@code DEFAULT} read as a kernel command line, else the first label. Paths come back absolute
 * in the ISO (relative ones are relative to the config file's directory).
 */
final class IsolinuxConfig {

    /** A direct-boot entry: ISO-absolute kernel path, initrd paths (possibly none) and kernel arguments. */
    record BootEntry(String kernel, List<String> initrds, String append) {
    }

    private IsolinuxConfig() {
    }

    static Optional<BootEntry> defaultEntry(String text, String configDir) {
        Map<String, Label> labels = new LinkedHashMap<>();
        String defaultName = null;
        String onTimeout = null;
        String menuDefault = null;
        Label current = null;
        for (String raw : text.split("\r?\n")) {
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] kv = line.split("\\s+", 2);
            String keyword = kv[0].toUpperCase(Locale.ROOT);
            String value = kv.length > 1 ? kv[1].strip() : "";
            switch (keyword) {
                case "DEFAULT" -> defaultName = value;
                case "ONTIMEOUT" -> onTimeout = value;
                case "LABEL" -> {
                    current = new Label();
                    labels.putIfAbsent(value, current);
                }
                case "KERNEL", "LINUX" -> { if (current != null) current.kernel = value; }
                case "INITRD" -> { if (current != null) current.initrd = value; }
                case "APPEND" -> { if (current != null) current.append = value; }
                case "MENU" -> {
                    if (current != null && value.equalsIgnoreCase("DEFAULT")) {
                        menuDefault = nameOf(labels, current);
                    }
                }
                default -> { } // UI, TIMEOUT, PROMPT, SAY...: nothing a direct boot needs
            }
        }
        Label chosen = null;
        if (defaultName != null && labels.containsKey(defaultName)) {
            chosen = labels.get(defaultName);
        } else if (menuDefault != null) {
            chosen = labels.get(menuDefault);
        } else if (onTimeout != null && labels.containsKey(onTimeout)) {
            chosen = labels.get(onTimeout);
        } else if (defaultName != null && !defaultName.isEmpty() && !defaultName.endsWith(".c32")) {
            // "DEFAULT vmlinuz args": a command line, as syslinux reads it when no label matches
            String[] cmd = defaultName.split("\\s+", 2);
            chosen = new Label();
            chosen.kernel = cmd[0];
            chosen.append = cmd.length > 1 ? cmd[1] : "";
        } else if (!labels.isEmpty()) {
            chosen = labels.values().iterator().next();
        }
        if (chosen == null || chosen.kernel == null || chosen.kernel.isEmpty()) {
            return Optional.empty();
        }
        String append = chosen.append == null ? "" : chosen.append;
        List<String> initrds = new ArrayList<>();
        String initrd = chosen.initrd;
        if (initrd == null) {
            for (String arg : append.split("\\s+")) {
                if (arg.startsWith("initrd=")) {
                    initrd = arg.substring("initrd=".length());
                }
            }
        }
        if (initrd != null && !initrd.isEmpty()) {
            for (String part : initrd.split(",")) {
                if (!part.isBlank()) {
                    initrds.add(absolute(part.strip(), configDir));
                }
            }
        }
        return Optional.of(new BootEntry(absolute(chosen.kernel, configDir), List.copyOf(initrds), append));
    }

    private static String nameOf(Map<String, Label> labels, Label label) {
        for (Map.Entry<String, Label> e : labels.entrySet()) {
            if (e.getValue() == label) {
                return e.getKey();
            }
        }
        return null;
    }

    static String absolute(String path, String configDir) {
        if (path.startsWith("/")) {
            return normalize(path);
        }
        String dir = configDir.endsWith("/") ? configDir : configDir + "/";
        return normalize(dir + path);
    }

    /** Resolves "." and ".." so that nothing can point above the ISO root. */
    private static String normalize(String path) {
        List<String> parts = new ArrayList<>();
        for (String p : path.split("/")) {
            if (p.isEmpty() || p.equals(".")) {
                continue;
            }
            if (p.equals("..")) {
                if (!parts.isEmpty()) parts.removeLast();
                continue;
            }
            parts.add(p);
        }
        return "/" + String.join("/", parts);
    }

    private static final class Label {
        String kernel;
        String initrd;
        String append;
    }
}
