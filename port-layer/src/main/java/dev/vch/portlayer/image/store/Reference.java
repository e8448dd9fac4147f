package dev.vch.portlayer.image.store;

import dev.vch.portlayer.api.PortLayerException;

import java.util.regex.Pattern;

/**
 * A Docker image reference, normalised as Docker does: "busybox" is
 * "docker.io/library/busybox:latest"; {@link #familiar()} turns it back.
 *
 * @param domain registry host ("docker.io" for Docker Hub)
 * @param path   repository path ("library/busybox")
 * @param tag    tag, "" when only a digest was given
 * @param digest "sha256:...", or ""
 */
public record Reference(String domain, String path, String tag, String digest) {

    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");
    private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");
    private static final Pattern HEX64 = Pattern.compile("[0-9a-f]{64}");
    public static final String DOCKER_HUB = "docker.io";

    /** Parses a reference; a missing tag (and digest) means "latest". */
    public static Reference parse(String ref) {
        if (ref == null || ref.isEmpty()) {
            throw invalid(ref);
        }
        String rest = ref;
        String digest = "";
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
            if (!DIGEST.matcher(digest).matches()) {
                throw invalid(ref);
            }
        }
        String tag = "";
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw invalid(ref);
            }
        }
        String domain = DOCKER_HUB;
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash > 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")
                    || !first.equals(first.toLowerCase())) {
                domain = first.equals("index.docker.io") ? DOCKER_HUB : first;
                path = rest.substring(slash + 1);
            }
        }
        if (!path.equals(path.toLowerCase())) {
            throw PortLayerException.invalid("invalid reference format: repository name (" + path
                    + ") must be lowercase");
        }
        for (String c : path.split("/", -1)) {
            if (!COMPONENT.matcher(c).matches()) {
                throw invalid(ref);
            }
        }
        if (domain.equals(DOCKER_HUB) && !path.contains("/")) {
            path = "library/" + path;
        }
        if (tag.isEmpty() && digest.isEmpty()) {
            tag = "latest";
        }
        return new Reference(domain, path, tag, digest);
    }

    /** A repository name plus tag, as {@code docker tag} and {@code import} take them. */
    public static Reference of(String repository, String tag) {
        if (HEX64.matcher(repository).matches()) {
            throw PortLayerException.invalid("invalid repository name (" + repository
                    + "), cannot specify 64-byte hexadecimal strings");
        }
        Reference repo = parse(repository);
        if (tag == null || tag.isEmpty()) {
            return repo;
        }
        if (!TAG.matcher(tag).matches()) {
            throw PortLayerException.invalid("invalid tag format");
        }
        return new Reference(repo.domain(), repo.path(), tag, "");
    }

    /** "docker.io/library/busybox:latest": the key of the reference store. */
    public String full() {
        return domain + "/" + path + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /** "docker.io/library/busybox" */
    public String repository() {
        return domain + "/" + path;
    }

    /** "busybox:latest": what Docker shows. */
    public String familiar() {
        return familiarName() + (tag.isEmpty() ? "" : ":" + tag) + (digest.isEmpty() ? "" : "@" + digest);
    }

    /** "busybox" */
    public String familiarName() {
        if (domain.equals(DOCKER_HUB)) {
            return path.startsWith("library/") && path.indexOf('/', 8) < 0 ? path.substring(8) : path;
        }
        return domain + "/" + path;
    }

    private static PortLayerException invalid(String ref) {
        return PortLayerException.invalid("invalid reference format" + (ref == null ? "" : ": " + ref));
    }
}
