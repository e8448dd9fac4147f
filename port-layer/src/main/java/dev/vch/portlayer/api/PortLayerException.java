package dev.vch.portlayer.api;

/**
 * The one exception type that crosses the port-layer API. The {@link Kind} says what
 * went wrong in terms a front end can map to a status code; the message is written for
 * the user and keeps Docker's wording where there is one ("No such container: x").
 */
public final class PortLayerException extends RuntimeException {

    /** What kind of failure this is; the personality maps each kind to one HTTP status. */
    public enum Kind {
        /** The named object does not exist (404). */
        NOT_FOUND,
        /** The request is malformed or a value is out of range (400). */
        INVALID,
        /** The object's state forbids the operation, or a name is taken (409). */
        CONFLICT,
        /** Nothing to do: already started, already stopped (304). */
        NOT_MODIFIED,
        /** Credentials missing or wrong (401). */
        UNAUTHORIZED,
        /** Not allowed for this caller or object (403). */
        FORBIDDEN,
        /** The product does not do this yet (501). */
        NOT_IMPLEMENTED,
        /** A backend (vSphere, a registry, a guest) cannot be reached now (503). */
        UNAVAILABLE,
        /** A bug or an unexpected backend answer (500). */
        INTERNAL
    }

    private final Kind kind;

    public PortLayerException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public PortLayerException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }

    public static PortLayerException notFound(String message) {
        return new PortLayerException(Kind.NOT_FOUND, message);
    }

    public static PortLayerException invalid(String message) {
        return new PortLayerException(Kind.INVALID, message);
    }

    public static PortLayerException conflict(String message) {
        return new PortLayerException(Kind.CONFLICT, message);
    }

    public static PortLayerException notImplemented(String message) {
        return new PortLayerException(Kind.NOT_IMPLEMENTED, message);
    }

    public static PortLayerException noSuchContainer(String ref) {
        return notFound("No such container: " + ref);
    }

    public static PortLayerException noSuchImage(String ref) {
        return notFound("No such image: " + ref);
    }
}
