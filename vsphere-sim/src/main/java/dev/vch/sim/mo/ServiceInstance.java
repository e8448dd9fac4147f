package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.time.Instant;
import java.util.List;

/** The root object: ServiceContent (the managers' references), server clock. */
public final class ServiceInstance extends ManagedObject {
    public static final MoRef REF = new MoRef("ServiceInstance", "ServiceInstance");

    public ServiceInstance(Sim sim) {
        super(sim, REF);
        props.put("capability", DataObject.of("Capability", "provisioningSupported", true, "multiHostSupported", sim.settings().vcenter(),
                "userShellAccessSupported", false));
    }

    public static DataObject about(Sim sim, boolean host) {
        boolean vc = sim.settings().vcenter() && !host;
        return DataObject.of("AboutInfo",
                "name", vc ? "VMware vCenter Server" : "VMware ESXi",
                "fullName", vc ? "VMware vCenter Server 6.5.0 build-5973321 (vsphere-sim)" : "VMware ESXi 6.5.0 build-5969303 (vsphere-sim)",
                "vendor", "VMware, Inc.", "version", "6.5.0", "build", vc ? "5973321" : "5969303",
                "localeVersion", "INTL", "localeBuild", "000", "osType", vc ? "linux-x64" : "vmnix-x86",
                "productLineId", vc ? "vpx" : "embeddedEsx", "apiType", vc ? "VirtualCenter" : "HostAgent",
                "apiVersion", "6.5", "instanceUuid", sim.instanceUuid(),
                "licenseProductName", vc ? "VMware VirtualCenter Server" : "VMware ESX Server", "licenseProductVersion", "6.0");
    }

    private DataObject content() {
        boolean vc = sim.settings().vcenter();
        DataObject c = DataObject.of("ServiceContent",
                "rootFolder", new MoRef("Folder", vc ? "group-d1" : "ha-folder-root"),
                "propertyCollector", new MoRef("PropertyCollector", "propertyCollector"),
                "viewManager", new MoRef("ViewManager", "ViewManager"),
                "about", about(sim, false),
                "setting", new MoRef("OptionManager", vc ? "VpxSettings" : "HostAgentSettings"),
                "userDirectory", new MoRef("UserDirectory", "UserDirectory"),
                "sessionManager", new MoRef("SessionManager", "SessionManager"),
                "authorizationManager", new MoRef("AuthorizationManager", "AuthorizationManager"),
                "eventManager", new MoRef("EventManager", "EventManager"),
                "taskManager", new MoRef("TaskManager", "TaskManager"),
                "customFieldsManager", new MoRef("CustomFieldsManager", "CustomFieldsManager"),
                "licenseManager", new MoRef("LicenseManager", "LicenseManager"),
                "searchIndex", new MoRef("SearchIndex", "SearchIndex"),
                "fileManager", new MoRef("FileManager", "FileManager"),
                "virtualDiskManager", new MoRef("VirtualDiskManager", "virtualDiskManager"),
                "datastoreNamespaceManager", new MoRef("DatastoreNamespaceManager", "DatastoreNamespaceManager"),
                "ioFilterManager", new MoRef("IoFilterManager", "IoFilterManager"),
                "vStorageObjectManager", new MoRef(vc ? "VcenterVStorageObjectManager" : "HostVStorageObjectManager", "VStorageObjectManager"));
        return c;
    }

    @Override
    public Object property(String name) {
        return switch (name) {
            case "content" -> content();
            case "serverClock" -> Instant.now();
            default -> super.property(name);
        };
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        return List.of("capability", "content", "serverClock");
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "RetrieveServiceContent" -> content();
            case "CurrentTime" -> Instant.now();
            default -> super.invoke(method, args, ctx);
        };
    }
}
