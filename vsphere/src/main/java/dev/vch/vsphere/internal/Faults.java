package dev.vch.vsphere.internal;

import com.vmware.vim25.AlreadyExists;
import com.vmware.vim25.DuplicateName;
import com.vmware.vim25.FileAlreadyExists;
import com.vmware.vim25.FileNotFound;
import com.vmware.vim25.InvalidArgument;
import com.vmware.vim25.InvalidLogin;
import com.vmware.vim25.InvalidName;
import com.vmware.vim25.InvalidPowerState;
import com.vmware.vim25.InvalidProperty;
import com.vmware.vim25.InvalidState;
import com.vmware.vim25.LocalizedMethodFault;
import com.vmware.vim25.ManagedObjectNotFound;
import com.vmware.vim25.MethodFault;
import com.vmware.vim25.NotAuthenticated;
import com.vmware.vim25.NotFound;
import com.vmware.vim25.NotSupported;
import com.vmware.vim25.ws.SoapFaultException;
import dev.vch.vsphere.api.VsphereException;
import dev.vch.vsphere.api.VsphereException.Kind;
import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;

/** Maps what yavijava throws to {@link VsphereException}s that read "Tried to X but failed because Y". */
public final class Faults {

  private Faults() {}

  public static boolean isNotAuthenticated(Throwable e) {
    return e instanceof NotAuthenticated
        || (e instanceof SoapFaultException s && s.getFaultString() != null
            && s.getFaultString().contains("NotAuthenticated"));
  }

  public static VsphereException map(String action, Throwable e) {
    if (e instanceof VsphereException v) {
      return v;
    }
    if (e instanceof VchWsClient.CertificateRejected c) {
      return VsphereException.certificate(c.host, c.presented, c);
    }
    Throwable root = rootOf(e);
    if (e instanceof VchWsClient.ServerUnavailable || root instanceof VchWsClient.ServerUnavailable) {
      return new VsphereException(Kind.UNAVAILABLE, "Tried to " + action + " but failed because "
          + (root instanceof VchWsClient.ServerUnavailable ? root : e).getMessage(), e);
    }
    if (root instanceof ConnectException || root instanceof UnknownHostException
        || root instanceof SocketTimeoutException) {
      return new VsphereException(Kind.UNAVAILABLE,
          "Tried to " + action + " but failed because the server could not be reached: " + root, e);
    }
    Kind kind = kindOf(e);
    return new VsphereException(kind, "Tried to " + action + " but failed because " + describe(e), e);
  }

  /** A task's error, as a VsphereException. */
  public static VsphereException task(String action, LocalizedMethodFault error) {
    String msg = error == null ? "the task failed" : error.getLocalizedMessage();
    MethodFault fault = error == null ? null : error.getFault();
    if ((msg == null || msg.isBlank()) && fault != null) {
      msg = fault.getClass().getSimpleName();
    }
    Kind kind = fault == null ? Kind.TASK_FAILED : kindOf(fault);
    return new VsphereException(kind == Kind.INTERNAL ? Kind.TASK_FAILED : kind,
        "Tried to " + action + " but failed because " + msg, fault);
  }

  private static Kind kindOf(Throwable e) {
    if (e instanceof InvalidLogin || e instanceof NotAuthenticated) {
      return Kind.UNAUTHORIZED;
    }
    if (e instanceof ManagedObjectNotFound || e instanceof FileNotFound || e instanceof NotFound) {
      return Kind.NOT_FOUND;
    }
    if (e instanceof DuplicateName || e instanceof AlreadyExists || e instanceof FileAlreadyExists) {
      return Kind.CONFLICT;
    }
    if (e instanceof InvalidPowerState || e instanceof InvalidState) {
      return Kind.CONFLICT;
    }
    if (e instanceof InvalidArgument || e instanceof InvalidProperty || e instanceof InvalidName) {
      return Kind.INVALID;
    }
    if (e instanceof NotSupported) {
      return Kind.NOT_IMPLEMENTED;
    }
    if (e instanceof SoapFaultException s && s.getFaultString() != null
        && s.getFaultString().contains("MethodNotFound")) {
      return Kind.NOT_IMPLEMENTED;
    }
    return Kind.INTERNAL;
  }

  private static String describe(Throwable e) {
    if (e instanceof InvalidLogin) {
      return "the user name or password is incorrect";
    }
    if (e instanceof SoapFaultException s) {
      return s.getFaultString();
    }
    String msg = e.getMessage();
    String type = e.getClass().getSimpleName();
    if (e instanceof MethodFault) {
      return msg == null || msg.isBlank() ? type : type + ": " + msg;
    }
    Throwable root = rootOf(e);
    if (root != e && root.getMessage() != null) {
      return (msg == null ? "" : msg + ": ") + root.getMessage();
    }
    return msg == null ? type : msg;
  }

  private static Throwable rootOf(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t;
  }

  /** IO failures on the datastore HTTP channel. */
  public static VsphereException io(String action, IOException e) {
    return map(action, e);
  }
}
