package dev.vch.personality.errors;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.vch.portlayer.api.PortLayerException;
import io.netty.handler.codec.http.HttpResponseStatus;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where a failure becomes a Docker status code and {@code {"message": ...}}
 * text. Messages of expected failures go to the client unchanged (they carry Docker's
 * wording); unexpected exceptions are logged with their stack and answered with a 500
 * that names the operation id, so a user report can be matched to the log.
 */
public final class ErrorMapper {
    private static final Logger LOG = LoggerFactory.getLogger(ErrorMapper.class);

    private ErrorMapper() {
    }

    /** A status and the message for the JSON body. */
    public record Mapped(HttpResponseStatus status, String message) {
    }

    public static Mapped map(Throwable t, String operationId) {
        Throwable e = unwrap(t);
        if (e instanceof DockerApiException d) {
            return new Mapped(d.status(), d.getMessage());
        }
        if (e instanceof PortLayerException p) {
            if (p.kind() == PortLayerException.Kind.INTERNAL) {
                LOG.warn("op={} internal error: {}", operationId, p.getMessage(), p);
            }
            return new Mapped(status(p.kind()), p.getMessage());
        }
        if (e instanceof JsonProcessingException j) {
            return new Mapped(HttpResponseStatus.BAD_REQUEST, JsonErrors.describe(j));
        }
        LOG.error("op={} unexpected failure", operationId, e);
        return new Mapped(HttpResponseStatus.INTERNAL_SERVER_ERROR,
                "internal error (operation " + operationId + "): " + e);
    }

    public static HttpResponseStatus status(PortLayerException.Kind kind) {
        return switch (kind) {
            case NOT_FOUND -> HttpResponseStatus.NOT_FOUND;
            case INVALID -> HttpResponseStatus.BAD_REQUEST;
            case CONFLICT -> HttpResponseStatus.CONFLICT;
            case NOT_MODIFIED -> HttpResponseStatus.NOT_MODIFIED;
            case UNAUTHORIZED -> HttpResponseStatus.UNAUTHORIZED;
            case FORBIDDEN -> HttpResponseStatus.FORBIDDEN;
            case NOT_IMPLEMENTED -> HttpResponseStatus.NOT_IMPLEMENTED;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            case INTERNAL -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    private static Throwable unwrap(Throwable t) {
        Throwable e = t;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }
}
