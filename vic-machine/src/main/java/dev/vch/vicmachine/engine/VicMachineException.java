package dev.vch.vicmachine.engine;

/** The one unchecked exception of vic-machine; its {@link Kind} picks the exit code. */
public final class VicMachineException extends RuntimeException {

  /** What went wrong. */
  public enum Kind {
    /** a flag's value is malformed or inconsistent with another */
    INVALID,
    /** the VCH, datastore, network or compute resource does not exist */
    NOT_FOUND,
    /** a VCH of that name exists, containers are running, ... */
    CONFLICT,
    /** the target refused the credentials */
    UNAUTHORIZED,
    /** the target's certificate did not verify */
    CERTIFICATE,
    /** waiting for the appliance took longer than --timeout */
    TIMEOUT,
    /** the target could not be reached */
    UNAVAILABLE,
    /** the target fails a requirement (firewall, licence) */
    UNSUPPORTED_TARGET,
    /** not implemented in this version */
    NOT_IMPLEMENTED,
    /** anything else */
    INTERNAL
  }

  private final Kind kind;

  public VicMachineException(Kind kind, String message) {
    super(message);
    this.kind = kind;
  }

  public VicMachineException(Kind kind, String message, Throwable cause) {
    super(message, cause);
    this.kind = kind;
  }

  public static VicMachineException invalid(String message) {
    return new VicMachineException(Kind.INVALID, message);
  }

  public Kind kind() {
    return kind;
  }
}
