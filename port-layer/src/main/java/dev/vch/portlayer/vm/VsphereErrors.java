package dev.vch.portlayer.vm;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.PortLayerException.Kind;
import dev.vch.vsphere.api.VsphereException;

/** The one place vSphere client errors become port-layer errors. */
public final class VsphereErrors {
    private VsphereErrors() {
    }

    public static PortLayerException map(String action, VsphereException e) {
        Kind kind = switch (e.kind()) {
            case NOT_FOUND -> Kind.NOT_FOUND;
            case INVALID -> Kind.INVALID;
            case CONFLICT -> Kind.CONFLICT;
            case UNAUTHORIZED, CERTIFICATE, UNAVAILABLE, TIMEOUT -> Kind.UNAVAILABLE;
            case NOT_IMPLEMENTED -> Kind.NOT_IMPLEMENTED;
            case TASK_FAILED, INTERNAL -> Kind.INTERNAL;
        };
        return new PortLayerException(kind, "Tried to " + action + " but failed because " + e.getMessage(), e);
    }
}
