package dev.vch.sim.vim;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class VimWriterTest {
    private static String write(VimVersion v, String name, Object value, boolean any) {
        StringBuilder sb = new StringBuilder();
        VimWriter.wire(v).element(sb, name, value, any);
        return sb.toString();
    }

    @Test
    void moRefInAnySlotPutsTypeFirst() {
        assertThat(write(VimVersion.NEWEST, "val", new MoRef("VirtualMachine", "vm-1"), true))
                .isEqualTo("<val type=\"VirtualMachine\" xsi:type=\"ManagedObjectReference\">vm-1</val>");
        assertThat(write(VimVersion.NEWEST, "obj", new MoRef("VirtualMachine", "vm-1"), false))
                .isEqualTo("<obj type=\"VirtualMachine\">vm-1</obj>");
    }

    @Test
    void anySlotsCarryXsdTypesAndArrayOf() {
        assertThat(write(VimVersion.NEWEST, "val", "x", true)).isEqualTo("<val xsi:type=\"xsd:string\">x</val>");
        assertThat(write(VimVersion.NEWEST, "val", ArrayOf.of("string", List.of("a", "b")), true))
                .isEqualTo("<val xsi:type=\"ArrayOfString\"><string>a</string><string>b</string></val>");
        assertThat(write(VimVersion.NEWEST, "val", ArrayOf.of("ManagedObjectReference", List.of(new MoRef("Datastore", "ds-1"))), true))
                .isEqualTo("<val xsi:type=\"ArrayOfManagedObjectReference\"><ManagedObjectReference type=\"Datastore\">ds-1</ManagedObjectReference></val>");
        assertThat(write(VimVersion.NEWEST, "val", ArrayOf.of("OptionValue", List.of(DataObject.of("OptionValue", "key", "k", "value", "v"))), true))
                .isEqualTo("<val xsi:type=\"ArrayOfOptionValue\"><OptionValue xsi:type=\"OptionValue\"><key>k</key><value xsi:type=\"xsd:string\">v</value></OptionValue></val>");
        assertThat(write(VimVersion.NEWEST, "val", new EnumValue("VirtualMachinePowerState", "poweredOn"), true))
                .isEqualTo("<val xsi:type=\"VirtualMachinePowerState\">poweredOn</val>");
    }

    @Test
    void typedSlotsRepeatArraysAndEscapeText() {
        assertThat(write(VimVersion.NEWEST, "pathSet", ArrayOf.of("string", List.of("a<b", "c")), false))
                .isEqualTo("<pathSet>a&lt;b</pathSet><pathSet>c</pathSet>");
    }

    @Test
    void fieldsNewerThanTheClientAreLeftOut() {
        DataObject sc = DataObject.of("ServiceContent", "rootFolder", new MoRef("Folder", "f"),
                "datastoreNamespaceManager", new MoRef("DatastoreNamespaceManager", "d"));
        assertThat(write(VimVersion.parse("5.1"), "returnval", sc, false)).doesNotContain("datastoreNamespaceManager");
        assertThat(write(VimVersion.parse("5.5"), "returnval", sc, false)).contains("datastoreNamespaceManager");
        assertThat(write(VimVersion.parse("6.0"), "d", DataObject.of("VirtualNVMEController", "key", 1), false))
                .startsWith("<d xsi:type=\"VirtualController\">");
    }

    @Test
    void soapActionVersions() {
        assertThat(VimVersion.fromSoapAction("\"urn:vim25/5.1\"")).isEqualTo(new VimVersion(5, 1));
        assertThat(VimVersion.fromSoapAction("urn:vim25/6.0")).isEqualTo(new VimVersion(6, 0));
        assertThat(VimVersion.fromSoapAction("")).isEqualTo(VimVersion.BASE);
        assertThat(VimVersion.fromSoapAction(null)).isEqualTo(VimVersion.BASE);
        assertThat(VimVersion.fromSoapAction("urn:vim25/8.0.2")).isEqualTo(VimVersion.NEWEST);
        assertThat(VimVersion.fromSoapAction("urn:vim25/junk")).isEqualTo(VimVersion.BASE);
    }

    @Test
    void persistenceRoundTripsTypes() {
        DataObject d = DataObject.of("VirtualMachineRuntimeInfo", "powerState", new EnumValue("VirtualMachinePowerState", "poweredOn"),
                "host", new MoRef("HostSystem", "h"), "maxCpuUsage", 5, "big", 5L, "flag", true,
                "ec", ArrayOf.of("OptionValue", List.of(DataObject.of("OptionValue", "key", "k", "value", "v"))));
        StringBuilder sb = new StringBuilder("<r xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\">");
        VimWriter.persistence().element(sb, "x", d, true);
        sb.append("</r>");
        XmlNode root = SafeXml.parse(new ByteArrayInputStream(sb.toString().getBytes(StandardCharsets.UTF_8)));
        DataObject back = (DataObject) root.child("x").value();
        assertThat(back.get("powerState")).isEqualTo(new EnumValue("VirtualMachinePowerState", "poweredOn"));
        assertThat(back.get("host")).isEqualTo(new MoRef("HostSystem", "h"));
        assertThat(back.get("maxCpuUsage")).isEqualTo(5);
        assertThat(back.get("big")).isEqualTo(5L);
        assertThat(back.get("flag")).isEqualTo(true);
        assertThat(((DataObject) ((ArrayOf) back.get("ec")).items().getFirst()).str("value")).isEqualTo("v");
    }
}
