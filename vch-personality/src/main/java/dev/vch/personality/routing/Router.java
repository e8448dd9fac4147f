package dev.vch.personality.routing;

import dev.vch.personality.errors.DockerApiException;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Maps (method, version-free path) to a handler. Templates use {@code {name}} for one
 * segment and {@code {name*}} for one or more segments (image names contain slashes:
 * {@code /images/{name*}/json}). The first matching route wins.
 */
public final class Router {

    /** A route: {@code inline} handlers are cheap and run on the event loop. */
    public record Route(HttpMethod method, String template, String[] segments, Handler handler, boolean inline) {
    }

    /** A match: the route and the values of its path parameters. */
    public record Match(Route route, Map<String, String> params) {
    }

    private final List<Route> routes = new ArrayList<>();

    public Router add(HttpMethod method, String template, Handler handler) {
        routes.add(new Route(method, template, split(template), handler, false));
        return this;
    }

    public Router addInline(HttpMethod method, String template, Handler handler) {
        routes.add(new Route(method, template, split(template), handler, true));
        return this;
    }

    /**
     * Finds the route for a request. HEAD falls back to GET routes. An unknown path is
     * dockerd's 404 "page not found"; a known path with another method is a 405.
     */
    public Match route(HttpMethod method, String path) {
        String[] segments = split(path);
        for (int i = 0; i < segments.length; i++) {
            // '+' is literal in a path; only percent escapes are decoded
            segments[i] = io.netty.handler.codec.http.QueryStringDecoder.decodeComponent(
                    segments[i].replace("+", "%2B"));
        }
        boolean pathKnown = false;
        for (HttpMethod m : method.equals(HttpMethod.HEAD) ? List.of(HttpMethod.HEAD, HttpMethod.GET)
                : List.of(method)) {
            for (Route route : routes) {
                Map<String, String> params = match(route.segments(), segments);
                if (params == null) {
                    continue;
                }
                if (route.method().equals(m)) {
                    return new Match(route, params);
                }
                pathKnown = true;
            }
        }
        if (pathKnown) {
            throw new DockerApiException(HttpResponseStatus.METHOD_NOT_ALLOWED,
                    "method " + method + " is not allowed on " + path);
        }
        throw DockerApiException.pageNotFound();
    }

    private static String[] split(String path) {
        String p = path.startsWith("/") ? path.substring(1) : path;
        if (p.endsWith("/")) {
            p = p.substring(0, p.length() - 1);
        }
        return p.isEmpty() ? new String[0] : p.split("/", -1);
    }

    private static Map<String, String> match(String[] template, String[] path) {
        int greedy = -1;
        for (int i = 0; i < template.length; i++) {
            if (template[i].endsWith("*}")) {
                greedy = i;
            }
        }
        if (greedy < 0 ? template.length != path.length : path.length < template.length) {
            return null;
        }
        // a cheap pass over the literal segments first: most routes fail here, without allocating
        int tail = template.length - greedy - 1;
        for (int i = 0; i < template.length; i++) {
            String t = template[i];
            int j = greedy >= 0 && i > greedy ? path.length - (template.length - i) : i;
            if (!t.startsWith("{") && !t.equals(path[j])) {
                return null;
            }
        }
        Map<String, String> params = new HashMap<>(4);
        for (int i = 0, j = 0; i < template.length; i++, j++) {
            String t = template[i];
            if (i == greedy) {
                int end = path.length - tail;
                params.put(t.substring(1, t.length() - 2), String.join("/", List.of(path).subList(j, end)));
                j = end - 1;
            } else if (t.startsWith("{")) {
                if (path[j].isEmpty()) {
                    return null;
                }
                params.put(t.substring(1, t.length() - 1), path[j]);
            }
        }
        return params;
    }
}
