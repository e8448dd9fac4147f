package dev.vch.portlayer.registry;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ChainIds;

import java.net.http.HttpResponse;
import java.util.Map;

/**
 * The registry call {@code GET /v2/<name>/manifests/<tag or digest>}: the raw manifest bytes,
 * their media type and digest, verified against the digest asked for (pull by digest) or the
 * registry's {@code Docker-Content-Digest} (pull by tag). Answers over 4 MiB are refused.
 */
final class ManifestPuller {

    /** A manifest exactly as the registry sent it. */
    record RawManifest(String digest, String mediaType, byte[] bytes) {
    }

    private final RegistrySession session;
    private final String familiarName;

    ManifestPuller(RegistrySession session, String familiarName) {
        this.session = session;
        this.familiarName = familiarName;
    }

    RawManifest pull(String tagOrDigest) {
        HttpResponse<byte[]> resp = session.getBytes(session.uri("manifests/" + tagOrDigest),
                Map.of("Accept", MediaTypes.ACCEPT), RegistryLimits.MAX_MANIFEST,
                "fetch the manifest of " + familiarName + ":" + tagOrDigest);
        if (resp.statusCode() != 200) {
            throw RegistryErrors.manifest(familiarName, tagOrDigest, resp.statusCode(),
                    resp.headers().firstValue("WWW-Authenticate").orElse(null), resp.body());
        }
        String digest = ChainIds.sha256(resp.body());
        String expected = tagOrDigest.startsWith("sha256:") ? tagOrDigest
                : resp.headers().firstValue("Docker-Content-Digest").filter(d -> d.startsWith("sha256:")).orElse(null);
        if (expected != null && !expected.equals(digest)) {
            throw PortLayerException.invalid("Tried to verify the manifest of " + familiarName + ":" + tagOrDigest
                    + " but failed because its digest is " + digest + ", expected " + expected);
        }
        String type = resp.headers().firstValue("Content-Type").orElse("").split(";")[0].trim();
        return new RawManifest(digest, type, resp.body());
    }
}
