package dev.vch.sim.vim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SafeXmlTest {
    private static XmlNode parse(String s) {
        return SafeXml.parse(new ByteArrayInputStream(s.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsXsiTypesWhateverThePrefix() {
        XmlNode n = parse("<a xmlns:i=\"http://www.w3.org/2001/XMLSchema-instance\" xmlns:s=\"http://www.w3.org/2001/XMLSchema\">"
                + "<v i:type=\"s:int\">4</v><d i:type=\"VirtualDisk\"><key>1</key></d></a>");
        assertThat(n.child("v").value()).isEqualTo(4);
        assertThat(((DataObject) n.child("d").value()).type()).isEqualTo("VirtualDisk");
    }

    @Test
    void repeatedChildrenBecomeArrays() {
        DataObject d = (DataObject) parse("<a><x>1</x><x>2</x><y>3</y></a>").value();
        assertThat(d.list("x")).containsExactly("1", "2");
        assertThat(d.list("y")).containsExactly("3");
    }

    @Test
    void refusesDtdsEntitiesAndDepth() {
        assertThatThrownBy(() -> parse("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>")).isInstanceOf(VimFault.class)
                .extracting(e -> ((VimFault) e).faultType()).isEqualTo("InvalidRequest");
        assertThatThrownBy(() -> parse("<a><b>")).isInstanceOf(VimFault.class);
        assertThatThrownBy(() -> parse("<a>".repeat(100) + "</a>".repeat(100))).isInstanceOf(VimFault.class).hasMessageContaining("nested");
        assertThatThrownBy(() -> parse("<a type=\"\">x</a>").moRef()).isInstanceOf(VimFault.class);
    }
}
