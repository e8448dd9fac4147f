package dev.vch.personality.handlers;

import dev.vch.personality.errors.DockerApiException;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Docker's image name normalisation: "busybox" is "docker.io/library/busybox:latest",
 * "me/app:1" is "docker.io/me/app:1", "reg:5000/app" keeps its registry.
 */
record ImageReference(String repository, String tag, String digest) {
    private static final Pattern COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
    private static final Pattern TAG = Pattern.compile("[\\w][\\w.-]{0,127}");

    static ImageReference parse(String name) {
        if (name == null || name.isEmpty()) {
            throw DockerApiException.badRequest("invalid reference format");
        }
        String rest = name;
        String digest = null;
        int at = rest.indexOf('@');
        if (at >= 0) {
            digest = rest.substring(at + 1);
            rest = rest.substring(0, at);
        }
        String tag = null;
        int colon = rest.lastIndexOf(':');
        if (colon > rest.lastIndexOf('/')) {
            tag = rest.substring(colon + 1);
            rest = rest.substring(0, colon);
            if (!TAG.matcher(tag).matches()) {
                throw DockerApiException.badRequest("invalid reference format");
            }
        }
        String domain = "docker.io";
        String path = rest;
        int slash = rest.indexOf('/');
        if (slash >= 0) {
            String first = rest.substring(0, slash);
            if (first.contains(".") || first.contains(":") || first.equals("localhost")) {
                domain = first;
                path = rest.substring(slash + 1);
            }
        }
        if (domain.equals("docker.io") && !path.contains("/")) {
            path = "library/" + path;
        }
        for (String component : path.split("/", -1)) {
            if (!COMPONENT.matcher(component).matches()) {
                throw DockerApiException.badRequest(path.toLowerCase(Locale.ROOT).equals(path)
                        ? "invalid reference format"
                        : "invalid reference format: repository name (" + path + ") must be lowercase");
            }
        }
        if (tag == null && digest == null) {
            tag = "latest";
        }
        return new ImageReference(domain + "/" + path, tag, digest);
    }

    /** The full normalised form, "docker.io/library/busybox:latest". */
    String normalized() {
        return repository + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }

    /** The short form docker prints: "busybox:latest". */
    String familiar() {
        String repo = repository.startsWith("docker.io/library/") ? repository.substring(18)
                : repository.startsWith("docker.io/") ? repository.substring(10) : repository;
        return repo + (tag != null ? ":" + tag : "") + (digest != null ? "@" + digest : "");
    }
}
