package dev.vch.vicmachine.cli;

import dev.vch.vicmachine.engine.VicMachineException;
import dev.vch.vsphere.api.VsphereException;

/** Named exit codes, and the one place that maps failures to them. */
public enum ExitCode {
  OK(0),
  FAILURE(1),
  USAGE(2),
  INVALID(3),
  NOT_FOUND(4),
  CONFLICT(5),
  UNAUTHORIZED(6),
  CERTIFICATE(7),
  TIMEOUT(8),
  UNAVAILABLE(9),
  UNSUPPORTED_TARGET(10),
  NOT_IMPLEMENTED(11);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }

  /**
   * The code for a failure. The kinds of {@link VicMachineException} and {@link VsphereException}
   * share their names with the codes; INTERNAL and TASK_FAILED are plain failures.
   */
  public static ExitCode of(Throwable e) {
    String kind = e instanceof VicMachineException v ? v.kind().name()
        : e instanceof VsphereException v ? v.kind().name() : null;
    if (kind == null || kind.equals("OK") || kind.equals("USAGE")) {
      return FAILURE;
    }
    for (ExitCode c : values()) {
      if (c.name().equals(kind)) {
        return c;
      }
    }
    return FAILURE;
  }
}
