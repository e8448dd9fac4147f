package dev.vch.personality.routing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.ApiVersion;
import dev.vch.personality.errors.DockerApiException;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A parsed request: the version-free path's parameters, the query, headers, body and the
 * operation id that appears in the access log line. Query helpers reject bad values with
 * a 400 in dockerd's style, naming the parameter.
 */
public record ApiRequest(HttpMethod method, String path, ApiVersion version, Map<String, String> pathParams,
                         Map<String, List<String>> query, HttpHeaders headers, byte[] body, String operationId,
                         ObjectMapper json) {

    public String param(String name) {
        return pathParams.get(name);
    }

    /** The first value of a query parameter, or null. */
    public String query(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? null : values.getFirst();
    }

    /**
     * A boolean query parameter as dockerd reads it: absent, empty, "0", "no", "false" and
     * "none" (any case) are false; anything else is true. docker-py sends "False"/"True".
     */
    public boolean bool(String name) {
        String v = query(name);
        if (v == null) {
            return false;
        }
        return switch (v.trim().toLowerCase(Locale.ROOT)) {
            case "", "0", "no", "false", "none" -> false;
            default -> true;
        };
    }

    /** An integer query parameter; absent or empty gives {@code fallback}. */
    public int integer(String name, int fallback) {
        String v = query(name);
        if (v == null || v.isEmpty()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw DockerApiException.badRequest("invalid value for " + name + ": strconv.Atoi: parsing \""
                    + v + "\": invalid syntax");
        }
    }

    /** Reads the body as JSON into {@code type}; an empty body gives null. */
    public <T> T body(Class<T> type) throws IOException {
        if (body.length == 0) {
            return null;
        }
        return json.readValue(body, type);
    }

    public boolean hasBody() {
        return body.length > 0;
    }
}
