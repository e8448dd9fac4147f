package dev.vch.personality.handlers;

import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.util.Map;

/** The {@code ?h=&w=} of a resize (container or exec), and dockerd's empty 200 answer. */
record TtySize(int height, int width) {
    static final Reply RESIZED = new Reply.Full(HttpResponseStatus.OK, null, null, Map.of());

    static TtySize of(ApiRequest r) {
        int h = r.integer("h", 0);
        int w = r.integer("w", 0);
        if (h < 0 || w < 0) {
            throw DockerApiException.badRequest("invalid value for h or w: must not be negative");
        }
        return new TtySize(h, w);
    }
}
