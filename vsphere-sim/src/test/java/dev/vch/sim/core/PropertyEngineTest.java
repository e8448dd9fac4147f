package dev.vch.sim.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.sim.vim.DataObject;
import dev.vch.sim.vim.MoRef;
import dev.vch.sim.vim.SafeXml;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Traversal semantics on the esx preset: skip, named references, supertype matching, missingSet. */
class PropertyEngineTest {
    @TempDir
    Path state;
    Sim sim;

    @BeforeEach
    void start() {
        sim = new Sim(new SimSettings("esx", "u", "p", state, false));
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private List<DataObject> retrieve(String spec) {
        FilterSpec fs = FilterSpec.parse(SafeXml.parse(new ByteArrayInputStream(
                ("<specSet xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">" + spec + "</specSet>").getBytes(StandardCharsets.UTF_8))));
        return new PropertyEngine(sim.inventory()).retrieve(List.of(fs));
    }

    private static final String WALK = "<objectSet><obj type=\"Folder\">ha-folder-root</obj><skip>true</skip>"
            + "<selectSet xsi:type=\"TraversalSpec\"><name>visit</name><type>Folder</type><path>childEntity</path><skip>false</skip>"
            + "<selectSet><name>visit</name></selectSet><selectSet><name>dcToDs</name></selectSet></selectSet>"
            + "<selectSet xsi:type=\"TraversalSpec\"><name>dcToDs</name><type>Datacenter</type><path>datastoreFolder</path><skip>true</skip>"
            + "<selectSet><name>visit</name></selectSet></selectSet></objectSet>";

    @Test
    void followsNamedSpecsAndHonoursSkip() {
        List<DataObject> out = retrieve("<propSet><type>ManagedEntity</type><pathSet>name</pathSet></propSet>" + WALK);
        List<Object> refs = out.stream().map(o -> o.get("obj")).toList();
        assertThat(refs).contains(new MoRef("Datacenter", "ha-datacenter"), new MoRef("Datastore", "datastore1"))
                .doesNotContain(new MoRef("Folder", "ha-folder-root"), new MoRef("Folder", "ha-folder-datastore"));
    }

    @Test
    void propSetTypeSelectsAndUnknownPathsGoToMissingSet() {
        List<DataObject> out = retrieve("<propSet><type>Datastore</type><pathSet>summary.name</pathSet><pathSet>bogus</pathSet></propSet>" + WALK);
        assertThat(out).hasSize(1);
        DataObject oc = out.getFirst();
        assertThat(((DataObject) oc.list("propSet").getFirst()).get("val")).isEqualTo("datastore1");
        assertThat(((DataObject) oc.list("missingSet").getFirst()).str("path")).isEqualTo("bogus");
    }

    @Test
    void traversalOnASupertypeMatchesSubtypes() {
        List<DataObject> out = retrieve("<propSet><type>HostSystem</type><pathSet>name</pathSet></propSet>"
                + "<objectSet><obj type=\"ComputeResource\">ha-compute-res</obj><skip>true</skip>"
                + "<selectSet xsi:type=\"TraversalSpec\"><type>ManagedEntity</type><path>host</path><skip>false</skip></selectSet></objectSet>");
        assertThat(out).extracting(o -> o.get("obj")).containsExactly(new MoRef("HostSystem", "ha-host"));
    }
}
