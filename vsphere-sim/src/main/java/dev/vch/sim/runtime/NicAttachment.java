package dev.vch.sim.runtime;

import java.util.Objects;

/**
 * A virtual NIC on a portgroup.
 *
 * @param portgroup the portgroup name: NICs on the same portgroup share one L2 segment
 * @param macAddress {@code xx:xx:xx:xx:xx:xx}, or null to let the runtime derive one
 * @param adapterType {@code vmxnet3}, {@code e1000}, {@code e1000e}, {@code vmxnet2}/{@code pcnet32}
 */
public record NicAttachment(String portgroup, String macAddress, String adapterType) {
    public NicAttachment {
        Objects.requireNonNull(portgroup, "portgroup");
        adapterType = adapterType == null ? "vmxnet3" : adapterType;
    }
}
