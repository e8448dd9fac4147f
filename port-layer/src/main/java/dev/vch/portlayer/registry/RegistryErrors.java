package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.util.Locale;

/**
 * Turns a registry's error answer into Docker's wording (distribution/errors.go:
 * translatePullError): "manifest for x:1 not found: manifest unknown: ...", "pull access
 * denied for x, repository does not exist or may require 'docker login': denied: ...".
 */
final class RegistryErrors {

    private RegistryErrors() {
    }

    /** The first error of a registry's {@code {"errors":[{code,message}]}} body. */
    record RegistryError(String code, String message) {
        /** errcode.Error's text: "manifest unknown: manifest unknown". */
        String text() {
            return code.toLowerCase(Locale.ROOT).replace('_', ' ') + ": " + message;
        }
    }

    static RegistryError parse(int status, String wwwAuthenticate, byte[] body) {
        AuthChallenge c = AuthChallenge.parse(wwwAuthenticate);
        if (c != null && c.bearer() && "insufficient_scope".equals(c.param("error"))) {
            return new RegistryError("DENIED", "requested access to the resource is denied");
        }
        try {
            JsonNode first = Json.MAPPER.readTree(body == null ? new byte[0] : body).path("errors").path(0);
            if (first.hasNonNull("code")) {
                return new RegistryError(first.path("code").asText(), first.path("message").asText(""));
            }
        } catch (java.io.IOException | RuntimeException notJson) {
            // fall through to the status
        }
        return switch (status) {
            case 401 -> new RegistryError("UNAUTHORIZED", "authentication required");
            case 403 -> new RegistryError("DENIED", "requested access to the resource is denied");
            case 404 -> new RegistryError("NOT_FOUND", "not found");
            case 429 -> new RegistryError("TOOMANYREQUESTS", "too many requests");
            default -> new RegistryError("UNKNOWN", "the registry answered " + status);
        };
    }

    /** A failed manifest request for {@code familiarName} + ":" tag or "@" digest. */
    static PortLayerException manifest(String familiarName, String tagOrDigest, int status, String www, byte[] body) {
        RegistryError e = parse(status, www, body);
        String ref = familiarName + (tagOrDigest.startsWith("sha256:") ? "@" : ":") + tagOrDigest;
        return switch (e.code()) {
            case "MANIFEST_UNKNOWN", "NOT_FOUND" -> PortLayerException.notFound("manifest for " + ref
                    + " not found: " + e.text());
            case "NAME_UNKNOWN" -> PortLayerException.notFound("repository " + familiarName + " not found: "
                    + e.text());
            case "DENIED", "UNAUTHORIZED" -> PortLayerException.notFound(accessDenied(familiarName, e));
            default -> other(status, e);
        };
    }

    /** A failed blob request. */
    static PortLayerException blob(String familiarName, String digest, int status, String www, byte[] body) {
        RegistryError e = parse(status, www, body);
        return switch (e.code()) {
            case "DENIED", "UNAUTHORIZED" -> PortLayerException.notFound(accessDenied(familiarName, e));
            case "BLOB_UNKNOWN", "NOT_FOUND" -> PortLayerException.notFound("Tried to download blob " + digest
                    + " of " + familiarName + " but failed because " + e.text());
            default -> other(status, e);
        };
    }

    static String accessDenied(String familiarName, RegistryError e) {
        return "pull access denied for " + familiarName
                + ", repository does not exist or may require 'docker login': " + e.text();
    }

    private static PortLayerException other(int status, RegistryError e) {
        PortLayerException.Kind kind = status == 429 || status >= 500 ? PortLayerException.Kind.UNAVAILABLE
                : PortLayerException.Kind.INTERNAL;
        return new PortLayerException(kind, e.text());
    }
}
