package dev.vch.portlayer.vm;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port layer's seam to vSphere for containerVMs: the few calls the container lifecycle
 * makes. {@link VsphereVmBackend} is the real one; unit tests use a fake. Every method may
 * block and throws {@link dev.vch.portlayer.api.PortLayerException} (UNAVAILABLE when vSphere
 * cannot be reached, NOT_FOUND for a VM that is gone).
 */
public interface VmBackend {
    /** Creates the VM (powered off); returns its handle. */
    String create(ContainerVmSpec spec);

    void powerOn(String handle);

    /** Powers off; a VM that is already off is fine. */
    void powerOff(String handle);

    /** Destroys the VM and its files (the container disk); the image disks stay. */
    void destroy(String handle);

    /** Sets extraConfig keys; an empty value removes a key. */
    void setExtraConfig(String handle, Map<String, String> values);

    /** The VMs in the VCH's resource pool (the appliance among them). */
    List<VmRecord> list();

    Optional<VmRecord> get(String handle);

    /**
     * Follows the power state of the VMs in the VCH's resource pool as vSphere pushes it, until
     * the returned handle is closed: every VM once at the start, then each change.
     */
    AutoCloseable watchPower(PowerListener listener);

    /** Called on the watch's thread, one call at a time: keep it short. */
    interface PowerListener {
        void powerState(String handle, boolean poweredOn);

        /** The VM left the pool (destroyed). */
        void gone(String handle);
    }
}
