package dev.vch.sim.vim;

/**
 * The one error type of the simulator's API layer: a vim25 fault (its data object, whose type is
 * the fault's xsi:type) with the message that goes to {@code faultstring} / {@code localizedMessage}.
 */
public final class VimFault extends RuntimeException {
    private final DataObject fault;
    private final boolean clientFault;

    public VimFault(DataObject fault, String message) {
        this(fault, message, false);
    }

    private VimFault(DataObject fault, String message, boolean clientFault) {
        super(message, null, false, false);
        this.fault = fault;
        this.clientFault = clientFault;
    }

    public DataObject fault() {
        return fault;
    }

    public String faultType() {
        return fault.type();
    }

    /** Request errors (malformed XML, unknown elements) are reported with {@code ClientFaultCode}. */
    public boolean clientFault() {
        return clientFault;
    }

    public static VimFault notAuthenticated(MoRef obj) {
        return new VimFault(DataObject.of("NotAuthenticated", "object", obj, "privilegeId", "System.View"),
                "The session is not authenticated.");
    }

    public static VimFault invalidLogin() {
        return new VimFault(new DataObject("InvalidLogin"), "Cannot complete login due to an incorrect user name or password.");
    }

    public static VimFault managedObjectNotFound(MoRef obj) {
        return new VimFault(DataObject.of("ManagedObjectNotFound", "obj", obj),
                "The object '" + obj + "' has already been deleted or has not been completely created");
    }

    public static VimFault methodNotFound(MoRef receiver, String method) {
        return new VimFault(DataObject.of("MethodNotFound", "receiver", receiver, "method", method),
                receiver.type() + ":" + receiver.value() + " does not implement: " + method);
    }

    public static VimFault invalidArgument(String property) {
        return new VimFault(DataObject.of("InvalidArgument", "invalidProperty", property),
                "A specified parameter was not correct: " + property);
    }

    public static VimFault invalidProperty(String name) {
        return new VimFault(DataObject.of("InvalidProperty", "name", name), "Invalid property: " + name);
    }

    public static VimFault invalidRequest(String message) {
        return new VimFault(new DataObject("InvalidRequest"), message, true);
    }

    public static VimFault invalidPowerState(String requested, String existing) {
        return new VimFault(DataObject.of("InvalidPowerState",
                "requestedState", requested == null ? null : new EnumValue("VirtualMachinePowerState", requested),
                "existingState", new EnumValue("VirtualMachinePowerState", existing)),
                "The attempted operation cannot be performed in the current state (" + existingLabel(existing) + ").");
    }

    private static String existingLabel(String state) {
        return switch (state) {
            case "poweredOn" -> "Powered on";
            case "poweredOff" -> "Powered off";
            default -> "Suspended";
        };
    }

    public static VimFault duplicateName(String name, MoRef existing) {
        return new VimFault(DataObject.of("DuplicateName", "name", name, "object", existing),
                "The name '" + name + "' already exists.");
    }

    public static VimFault fileNotFound(String file) {
        return new VimFault(DataObject.of("FileNotFound", "file", file), "File " + file + " was not found");
    }

    public static VimFault fileAlreadyExists(String file) {
        return new VimFault(DataObject.of("FileAlreadyExists", "file", file), "Cannot complete the operation because the file or folder " + file + " already exists");
    }

    public static VimFault invalidDatastorePath(String path) {
        return new VimFault(DataObject.of("InvalidDatastorePath", "datastore", "", "name", "", "datastorePath", path),
                "Invalid datastore path '" + path + "'.");
    }

    public static VimFault notFound(String message) {
        return new VimFault(new DataObject("NotFound"), message);
    }

    public static VimFault invalidState(String message) {
        return new VimFault(new DataObject("InvalidState"), message);
    }

    public static VimFault notSupported(String message) {
        return new VimFault(new DataObject("NotSupported"), message);
    }

    public static VimFault notImplemented(String message) {
        return new VimFault(new DataObject("NotImplemented"), message);
    }

    public static VimFault resourceInUse(String name, String message) {
        return new VimFault(DataObject.of("ResourceInUse", "name", name), message);
    }

    public static VimFault systemError(String reason) {
        return new VimFault(DataObject.of("SystemError", "reason", reason), "A general system error occurred: " + reason);
    }

    public static VimFault invalidName(String name) {
        return new VimFault(DataObject.of("InvalidName", "name", name), "The name '" + name + "' is invalid.");
    }
}
