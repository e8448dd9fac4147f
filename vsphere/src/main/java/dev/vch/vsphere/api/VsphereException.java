package dev.vch.vsphere.api;

/** The one unchecked exception of the vSphere client; {@link #kind()} says what went wrong. */
public final class VsphereException extends RuntimeException {

  /** What went wrong, coarse enough for callers to map to exit codes or HTTP statuses. */
  public enum Kind {
    /** an inventory path, object or file does not exist */
    NOT_FOUND,
    /** the caller asked for something malformed */
    INVALID,
    /** the object exists already, or is in a state that forbids the change */
    CONFLICT,
    /** login failed (wrong user or password) */
    UNAUTHORIZED,
    /** the server certificate did not verify or did not match the pinned thumbprint */
    CERTIFICATE,
    /** the server could not be reached or answered 503 */
    UNAVAILABLE,
    /** a vSphere task ended in error */
    TASK_FAILED,
    /** waiting for something took longer than allowed */
    TIMEOUT,
    /** the operation is not implemented against this kind of server */
    NOT_IMPLEMENTED,
    /** anything else */
    INTERNAL
  }

  private final Kind kind;
  private final String thumbprint;

  public VsphereException(Kind kind, String message) {
    this(kind, message, null, null);
  }

  public VsphereException(Kind kind, String message, Throwable cause) {
    this(kind, message, null, cause);
  }

  private VsphereException(Kind kind, String message, String thumbprint, Throwable cause) {
    super(message, cause);
    this.kind = kind;
    this.thumbprint = thumbprint;
  }

  /** A certificate failure that carries the thumbprint the server actually presented. */
  public static VsphereException certificate(String host, String thumbprint, Throwable cause) {
    return new VsphereException(Kind.CERTIFICATE,
        "Failed to verify certificate for target=" + host + " (thumbprint=" + thumbprint + ")",
        thumbprint, cause);
  }

  public Kind kind() {
    return kind;
  }

  /** The SHA-1 thumbprint the server presented, for {@link Kind#CERTIFICATE}; otherwise null. */
  public String thumbprint() {
    return thumbprint;
  }
}
