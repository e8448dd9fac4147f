package dev.vch.personality.errors;

import io.netty.handler.codec.http.HttpResponseStatus;

/**
 * An error that belongs to the HTTP front end rather than to a container operation: no
 * such path, wrong method, body too large, an unsupported API version. Everything from
 * the port layer arrives as a {@link dev.vch.portlayer.api.PortLayerException} instead.
 */
public final class DockerApiException extends RuntimeException {
    private final HttpResponseStatus status;

    public DockerApiException(HttpResponseStatus status, String message) {
        super(message);
        this.status = status;
    }

    public HttpResponseStatus status() {
        return status;
    }

    /** dockerd's answer for a path it does not route. */
    public static DockerApiException pageNotFound() {
        return new DockerApiException(HttpResponseStatus.NOT_FOUND, "page not found");
    }

    public static DockerApiException badRequest(String message) {
        return new DockerApiException(HttpResponseStatus.BAD_REQUEST, message);
    }
}
