package dev.vch.sim.mo;

import dev.vch.sim.core.CallContext;
import dev.vch.sim.core.ManagedObject;
import dev.vch.sim.core.Sim;
import dev.vch.sim.vim.ArrayOf;
import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.XmlNode;
import java.util.List;

/** One evaluation-style license with the features installers check (serial over network, DVS). */
public final class LicenseManager extends ManagedObject {
    public LicenseManager(Sim sim) {
        super(sim, new MoRef("LicenseManager", "LicenseManager"));
        props.put("source", DataObject.of("EvaluationLicenseSource", "remainingHours", 1000L));
        props.put("sourceAvailable", true);
        props.put("featureInfo", ArrayOf.of("LicenseFeatureInfo"));
        props.put("licensedEdition", "esx.enterprisePlus.cpuPackage");
        props.put("licenses", ArrayOf.of("LicenseManagerLicenseInfo", List.of(license())));
        if (sim.settings().vcenter()) {
            props.put("licenseAssignmentManager", new MoRef("LicenseAssignmentManager", "LicenseAssignmentManager"));
        }
    }

    static DataObject license() {
        ArrayOf properties = ArrayOf.of("KeyAnyValue");
        for (String[] f : new String[][] {{"serialuri", "Remote virtual Serial Port Concentrator"}, {"dvs", "vSphere Distributed Switch"},
                {"vmotion", "vSphere vMotion"}, {"drs", "vSphere DRS"}}) {
            properties.items().add(DataObject.of("KeyAnyValue", "key", "feature", "value", DataObject.of("KeyValue", "key", f[0], "value", f[1])));
        }
        return DataObject.of("LicenseManagerLicenseInfo", "licenseKey", "00000-00000-00000-00000-00000",
                "editionKey", "esx.enterprisePlus.cpuPackage", "name", "vSphere 6 Enterprise Plus (vsphere-sim)", "total", 0, "used", 0,
                "costUnit", "cpuPackage", "properties", properties);
    }

    @Override
    public java.util.Collection<String> propertyNames() {
        return props.keySet();
    }

    @Override
    public Object invoke(String method, XmlNode args, CallContext ctx) {
        return switch (method) {
            case "QueryLicenseSourceAvailability" -> ArrayOf.of("LicenseAvailabilityInfo");
            case "QuerySupportedFeatures" -> ArrayOf.of("LicenseFeatureInfo");
            default -> super.invoke(method, args, ctx);
        };
    }

    /** vCenter's per-entity view of licenses. */
    public static final class AssignmentManager extends ManagedObject {
        public AssignmentManager(Sim sim) {
            super(sim, new MoRef("LicenseAssignmentManager", "LicenseAssignmentManager"));
        }

        @Override
        public Object invoke(String method, XmlNode args, CallContext ctx) {
            if (method.equals("QueryAssignedLicenses")) {
                ArrayOf out = ArrayOf.of("LicenseAssignmentManagerLicenseAssignment");
                String entity = Args.text(args, "entityId");
                for (HostSystem h : sim.inventory().all(HostSystem.class)) {
                    if (entity != null && !entity.isEmpty() && !entity.equals(h.ref().value())) continue;
                    out.items().add(DataObject.of("LicenseAssignmentManagerLicenseAssignment", "entityId", h.ref().value(),
                            "assignedLicense", license(), "entityDisplayName", h.name()));
                }
                return out;
            }
            return super.invoke(method, args, ctx);
        }
    }
}
