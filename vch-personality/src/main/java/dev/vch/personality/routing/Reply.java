package dev.vch.personality.routing;

import dev.vch.personality.stream.HijackedStream;
import dev.vch.personality.stream.ResponseStream;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** What a handler answers; the dispatcher turns it into bytes on the wire. */
public sealed interface Reply {

    /** A complete response. {@code body} is serialised as JSON unless it is a byte[]; null = no body. */
    record Full(HttpResponseStatus status, Object body, String contentType, Map<String, String> headers)
            implements Reply {
    }

    /**
     * A chunked body written by {@code body} on its own thread. Headers go out with the
     * first write or when the body calls {@link ResponseStream#begin()} (wait and events
     * do so at once: the CLI needs the wait headers before it sends start). If the body
     * fails before anything was sent, the client gets an ordinary error response.
     */
    record Streaming(HttpResponseStatus status, String contentType, StreamBody body) implements Reply {
    }

    /**
     * A raw two-way byte stream (attach, exec start): {@code 101 UPGRADED} when the client
     * asked for an upgrade, else dockerd's {@code 200 OK} with the stream following.
     */
    record Hijack(String contentType, boolean upgrade, HijackBody body) implements Reply {
    }

    @FunctionalInterface
    interface StreamBody {
        void run(ResponseStream out) throws Exception;
    }

    @FunctionalInterface
    interface HijackBody {
        void run(HijackedStream stream) throws Exception;
    }

    static Reply json(HttpResponseStatus status, Object body) {
        return new Full(status, body, "application/json", Map.of());
    }

    static Reply ok(Object body) {
        return json(HttpResponseStatus.OK, body);
    }

    static Reply noContent() {
        return new Full(HttpResponseStatus.NO_CONTENT, null, null, Map.of());
    }

    static Reply text(HttpResponseStatus status, String text) {
        return new Full(status, text.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                "text/plain; charset=utf-8", Map.of());
    }
}
