package dev.vch.portlayer.registry;

import com.fasterxml.jackson.databind.JsonNode;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.Json;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The registry call {@code GET /v2/<name>/tags/list} ({@code docker pull --all-tags}),
 * following the {@code Link: <...>; rel="next"} pages.
 */
final class TagLister {

    private static final Pattern NEXT = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"?next\"?");
    private static final int MAX_PAGES = 100;

    private final RegistrySession session;
    private final String familiarName;

    TagLister(RegistrySession session, String familiarName) {
        this.session = session;
        this.familiarName = familiarName;
    }

    List<String> list() {
        List<String> tags = new ArrayList<>();
        URI uri = session.uri("tags/list");
        for (int page = 0; uri != null; page++) {
            if (page == MAX_PAGES) {
                throw PortLayerException.invalid("Tried to list the tags of " + familiarName
                        + " but failed because the registry sent more than " + MAX_PAGES + " pages");
            }
            HttpResponse<byte[]> resp = session.getBytes(uri, Map.of(), RegistryLimits.MAX_MANIFEST,
                    "list the tags of " + familiarName);
            if (resp.statusCode() != 200) {
                throw RegistryErrors.manifest(familiarName, "latest", resp.statusCode(),
                        resp.headers().firstValue("WWW-Authenticate").orElse(null), resp.body());
            }
            try {
                JsonNode n = Json.MAPPER.readTree(resp.body());
                n.path("tags").forEach(t -> tags.add(t.asText()));
            } catch (IOException e) {
                throw PortLayerException.invalid("Tried to list the tags of " + familiarName
                        + " but the registry's answer is not valid JSON: " + e.getMessage());
            }
            Matcher m = NEXT.matcher(resp.headers().firstValue("Link").orElse(""));
            uri = m.find() ? uri.resolve(m.group(1)) : null;
        }
        return tags;
    }
}
