package dev.vch.sim.vim;

import java.util.Map;
import java.util.Set;

/**
 * What appeared in which API version. The writer consults it for every field and every data type
 * it sends: a field newer than the client's version is left out; a type newer than it is sent as
 * its nearest older ancestor. Only what the simulator can send is listed.
 */
public final class VersionTable {
    private VersionTable() {
    }

    private static final VimVersion V55 = new VimVersion(5, 5);
    private static final VimVersion V60 = new VimVersion(6, 0);
    private static final VimVersion V65 = new VimVersion(6, 5);

    /** "Type.field" -> the version that introduced it. */
    private static final Map<String, VimVersion> FIELD_SINCE = Map.ofEntries(
            Map.entry("ServiceContent.datastoreNamespaceManager", V55),
            Map.entry("ServiceContent.ioFilterManager", V60),
            Map.entry("ServiceContent.overheadMemoryManager", V60),
            Map.entry("ServiceContent.certificateManager", V60),
            Map.entry("ServiceContent.vStorageObjectManager", V65),
            Map.entry("ServiceContent.cryptoManager", V65),
            Map.entry("VirtualMachineConfigInfo.vmxConfigChecksum", V60),
            Map.entry("VirtualMachineConfigInfo.guestAutoLockEnabled", V60),
            Map.entry("VirtualMachineConfigInfo.memoryReservationLockedToMax", V55),
            Map.entry("VirtualMachineConfigInfo.latencySensitivity", V55),
            Map.entry("VirtualMachineRuntimeInfo.paused", V60),
            Map.entry("VirtualMachineRuntimeInfo.snapshotInBackground", V60),
            Map.entry("VirtualMachineGuestSummary.hwVersion", V60),
            Map.entry("HostRuntimeInfo.cryptoState", V65),
            Map.entry("DatastoreSummary.maintenanceMode", V60));

    /** Type -> {introduced in, ancestor to send instead}. */
    private static final Map<String, String[]> TYPE_SINCE = Map.of(
            "VirtualNVMEController", new String[] {"6.5", "VirtualController"},
            "VirtualVmxnet3Vrdma", new String[] {"6.5", "VirtualVmxnet3"},
            "VirtualE1000e", new String[] {"5.0", "VirtualEthernetCard"});

    private static final Set<String> ANY_SLOTS = Set.of(
            "DynamicProperty.val", "PropertyChange.val", "OptionValue.value", "TaskInfo.result",
            "LocalizableMessage.arg", "KeyAnyValue.value", "MethodFault.faultCause");

    public static boolean fieldVisible(String type, String field, VimVersion v) {
        if (type == null) return true;
        VimVersion since = FIELD_SINCE.get(type + "." + field);
        return since == null || v.atLeast(since);
    }

    /** The type name to put on the wire for version v. */
    public static String wireType(String type, VimVersion v) {
        String[] entry = type == null ? null : TYPE_SINCE.get(type);
        if (entry == null) return type;
        return v.atLeast(VimVersion.parse(entry[0])) ? type : wireType(entry[1], v);
    }

    /** Whether a field is declared xsd:anyType, where every value carries its xsi:type. */
    public static boolean isAnySlot(String type, String field) {
        return type != null && ANY_SLOTS.contains(type + "." + field);
    }
}
