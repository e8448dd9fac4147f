package dev.vch.personality.handlers;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.personality.dto.ImageDto;
import dev.vch.personality.dto.Times;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.ProgressListener;
import dev.vch.portlayer.api.RegistryAuth;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.io.ByteArrayInputStream;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Images: list, inspect, remove, tag, create (pull or import) and load. */
final class ImageHandlers {
    private static final Set<String> FILTERS = Set.of("dangling", "label", "reference", "before", "since", "until");
    private final ImageService images;

    ImageHandlers(ImageService images) {
        this.images = images;
    }

    Reply list(ApiRequest r) {
        Filters f = Filters.parse(r.query("filters"), r.json(), FILTERS);
        for (String name : List.of("before", "since", "until")) {
            if (!f.get(name).isEmpty()) {
                throw DockerApiException.badRequest("filter '" + name + "' is not supported by this VCH yet");
            }
        }
        Boolean dangling = null;
        for (String d : f.get("dangling")) {
            if (!d.equalsIgnoreCase("true") && !d.equalsIgnoreCase("false") && !d.equals("1") && !d.equals("0")) {
                throw DockerApiException.badRequest("invalid filter 'dangling=" + d + "'");
            }
            dangling = d.equalsIgnoreCase("true") || d.equals("1");
        }
        var list = images.list(new ImageFilter(r.bool("all"), dangling, f.get("reference"), f.labels("label")));
        return Reply.ok(list.stream().map(i -> new ImageDto.Summary(i.id(), i.parentId(), i.repoTags(),
                i.repoDigests(), Times.unix(i.created()), i.size(), -1, i.config().labels(), -1)).toList());
    }

    Reply inspect(ApiRequest r) {
        Image i = images.inspect(Images.ref(r.param("name")));
        var c = i.config();
        var config = new ImageDto.Config(nz(c.user()), c.env(), c.cmd(), c.entrypoint(), nz(c.workingDir()),
                keys(c.exposedPorts()), keys(c.volumes()), c.labels(), c.stopSignal());
        return Reply.ok(new ImageDto.Inspect(i.id(), i.repoTags(), i.repoDigests(), i.parentId(), "",
                Times.rfc3339(i.created()), "", config, i.architecture(), i.os(), i.size(),
                Map.of("Type", "layers")));
    }

    Reply history(ApiRequest r) {
        return Reply.ok(images.history(Images.ref(r.param("name"))).stream().map(h -> new ImageDto.History(h.id(),
                h.created().getEpochSecond(), h.createdBy(), h.tags().isEmpty() ? null : h.tags(), h.size(),
                h.comment())).toList());
    }

    Reply remove(ApiRequest r) {
        var deletions = images.remove(Images.ref(r.param("name")), r.bool("force"), r.bool("noprune"));
        return Reply.ok(deletions.stream().map(d -> new ImageDto.Deleted(d.untagged(), d.deleted())).toList());
    }

    Reply tag(ApiRequest r) {
        String repo = r.query("repo");
        if (repo == null || repo.isEmpty()) {
            throw DockerApiException.badRequest("repository name must have at least one component");
        }
        String tag = r.query("tag");
        var target = ImageReference.parse(repo + (tag == null || tag.isEmpty() ? "" : ":" + tag));
        images.tag(Images.ref(r.param("name")), target.repository(), target.tag());
        return Reply.json(HttpResponseStatus.CREATED, null);
    }

    /** {@code ?fromImage=} pulls, {@code ?fromSrc=-} imports the body; progress is a JSON stream. */
    Reply create(ApiRequest r) {
        String fromImage = r.query("fromImage");
        String fromSrc = r.query("fromSrc");
        if (fromImage != null && !fromImage.isEmpty()) {
            String tag = r.query("tag");
            var ref = ImageReference.parse(fromImage + (tag == null || tag.isEmpty() ? ""
                    : tag.startsWith("sha256:") ? "@" + tag : ":" + tag));
            RegistryAuth auth = registryAuth(r);
            // no tag in either place: the CLI's --all-tags ("" to the port layer)
            boolean allTags = (tag == null || tag.isEmpty()) && !fromImage.contains("@")
                    && fromImage.lastIndexOf(':') <= fromImage.lastIndexOf('/');
            String tagOrDigest = allTags ? "" : ref.digest() != null ? ref.digest() : ref.tag();
            String platform = r.query("platform");
            // the port layer streams every line, Digest and Status included
            return progressStream(out -> images.pull(ref.repository(), tagOrDigest, platform, auth, out));
        }
        if (fromSrc != null && !fromSrc.isEmpty()) {
            if (!fromSrc.equals("-")) {
                throw new DockerApiException(HttpResponseStatus.NOT_IMPLEMENTED,
                        Unsupported.message("docker import from a URL"));
            }
            String repo = r.query("repo");
            String tag = r.query("tag");
            var changes = r.query().getOrDefault("changes", List.of());
            return progressStream(out -> out.status(null, images.importImage(new ByteArrayInputStream(r.body()),
                    repo == null || repo.isEmpty() ? null : ImageReference.parse(repo).repository(),
                    tag == null || tag.isEmpty() ? null : tag, changes, out)));
        }
        throw DockerApiException.badRequest("fromImage or fromSrc is required");
    }

    Reply load(ApiRequest r) {
        return progressStream(out -> {
            for (String loaded : images.load(new ByteArrayInputStream(r.body()), out)) {
                out.stream("Loaded image: " + loaded + "\n");
            }
        });
    }

    private Reply progressStream(ProgressBody body) {
        return new Reply.Streaming(HttpResponseStatus.OK, "application/json", out -> {
            var progress = new JsonProgress(out);
            try {
                body.run(progress);
            } catch (RuntimeException e) {
                if (!out.begun()) {
                    throw e;
                }
                // dockerd reports failures after the first output inside the stream
                progress.error(e.getMessage());
            }
        });
    }

    private interface ProgressBody {
        void run(JsonProgress out) throws Exception;
    }

    static RegistryAuth registryAuth(ApiRequest r) {
        String header = r.headers().get("X-Registry-Auth");
        if (header == null || header.isEmpty()) {
            return RegistryAuth.ANONYMOUS;
        }
        try {
            JsonNode n = r.json().readTree(Base64.getUrlDecoder().decode(header.trim().replace('+', '-')
                    .replace('/', '_').replace("=", "")));
            if (n == null || !n.isObject()) {
                return RegistryAuth.ANONYMOUS;
            }
            return new RegistryAuth(text(n, "username"), text(n, "password"), text(n, "serveraddress"),
                    text(n, "identitytoken"));
        } catch (Exception e) {
            throw DockerApiException.badRequest("invalid X-Registry-Auth header: not base64url-encoded JSON");
        }
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    private static Map<String, Object> keys(Set<String> set) {
        Map<String, Object> m = new LinkedHashMap<>();
        set.stream().sorted().forEach(k -> m.put(k, Map.of()));
        return m.isEmpty() ? null : m;
    }

    /** Docker's JSON progress lines for pull, import and load. */
    static final class JsonProgress implements ProgressListener {
        private final dev.vch.personality.stream.ResponseStream out;

        JsonProgress(dev.vch.personality.stream.ResponseStream out) {
            this.out = out;
        }

        @Override
        public void progress(String id, String status, long current, long total) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("status", status);
            if (total > 0) { // dockerd's order: current, then total
                Map<String, Object> detail = new LinkedHashMap<>();
                detail.put("current", current);
                detail.put("total", total);
                m.put("progressDetail", detail);
            }
            if (id != null) {
                m.put("id", id);
            }
            out.writeJsonLine(m);
        }

        void status(String id, String status) {
            progress(id, status, 0, 0);
        }

        void stream(String text) {
            out.writeJsonLine(Map.of("stream", text));
        }

        void error(String message) {
            out.writeJsonLine(Map.of("errorDetail", Map.of("message", message), "error", message));
        }
    }
}
