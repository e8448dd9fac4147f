package dev.vch.iso;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Debian packages in a cache that outlives builds: {@code apt-get download} once per version,
 * {@code dpkg-deb -x} once per .deb. A metapackage (linux-image-cloud-amd64) is followed to the
 * package it depends on.
 */
final class Debs {

    private static final Pattern DEPENDS = Pattern.compile("Depends: (linux-image-\\S+)");
    private final Path cache;

    Debs(Path cache) {
        this.cache = cache;
    }

    /** The versioned kernel image package behind a metapackage (or the name itself). */
    String resolveKernel(String name) throws IOException {
        String out = Exec.run(List.of("apt-cache", "depends", name));
        Matcher m = DEPENDS.matcher(out);
        return m.find() ? m.group(1) : name;
    }

    /** The candidate version apt would install (part of the build's input hash). */
    String version(String name) throws IOException {
        String out = Exec.run(List.of("apt-cache", "policy", name));
        for (String line : out.split("\n")) {
            line = line.strip();
            if (line.startsWith("Candidate:")) return line.substring("Candidate:".length()).strip();
        }
        throw new IOException("Tried to find the version of Debian package " + name + " but apt-cache knows none (run apt-get update?)");
    }

    /** The package's files, downloaded and extracted into the cache if not there yet. */
    Path extracted(String name) throws IOException {
        String version = version(name);
        String safe = name + "_" + version.replace(':', '%');
        Path dir = cache.resolve("extract").resolve(safe);
        if (Files.isDirectory(dir.resolve(".done"))) return dir;
        Path deb = download(name, version);
        Files.createDirectories(dir);
        Exec.run(List.of("dpkg-deb", "-x", deb.toString(), dir.toString()));
        Files.createDirectories(dir.resolve(".done"));
        return dir;
    }

    private Path download(String name, String version) throws IOException {
        Path debs = Files.createDirectories(cache.resolve("debs"));
        Path found = find(debs, name, version);
        if (found != null) return found;
        Exec.run(debs, java.util.Map.of(), List.of("apt-get", "download", "-q", name + "=" + version));
        found = find(debs, name, version);
        if (found == null) throw new IOException("Tried to download " + name + "=" + version + " but no .deb appeared in " + debs);
        return found;
    }

    private static Path find(Path debs, String name, String version) throws IOException {
        String plainVersion = version.contains(":") ? version.substring(version.indexOf(':') + 1) : version;
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(debs, name + "_*.deb")) {
            for (Path p : ds) {
                String f = p.getFileName().toString().replace("%3a", ":");
                if (f.contains("_" + plainVersion + "_") || f.contains("_" + version + "_")) return p;
            }
        }
        return null;
    }
}
