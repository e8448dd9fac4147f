package dev.vch.vsphere.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.ObjectContent;
import com.vmware.vim25.ServiceContent;
import com.vmware.vim25.TaskInfo;
import com.vmware.vim25.VirtualMachinePowerState;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ResponsePrunerTest {

  private final VchWsClient client = client();

  private static VchWsClient client() {
    try {
      return new VchWsClient("http://127.0.0.1:9/sdk", false);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private Object read(String returnType, String xml) throws Exception {
    return client.unMarshall(returnType, new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void dropsPropertiesNewerThanTheModel() throws Exception {
    ServiceContent sc = (ServiceContent) read("ServiceContent", Soap.serviceContent("VirtualCenter", "6.7"));
    assertThat(sc.getAbout().getApiVersion()).isEqualTo("6.7");
    assertThat(sc.getRootFolder().getVal()).isEqualTo("group-d1");
    assertThat(sc.getFileManager().getVal()).isEqualTo("FileManager");
  }

  @Test
  void dropsEnumValuesTheModelDoesNotKnow() throws Exception {
    String xml = Soap.response("RetrieveProperties", "<returnval><obj type=\"VirtualMachine\">vm-1</obj>"
        + "<propSet><name>runtime.powerState</name><val xsi:type=\"VirtualMachinePowerState\">poweredOn</val></propSet>"
        + "<propSet><name>info</name><val xsi:type=\"TaskInfo\"><key>t</key><task type=\"Task\">t</task>"
        + "<descriptionId>x</descriptionId><state>hibernating</state><cancelled>false</cancelled>"
        + "<cancelable>false</cancelable><eventChainId>0</eventChainId></val></propSet></returnval>");
    ObjectContent[] oc = (ObjectContent[]) read("ObjectContent[]", xml);
    assertThat(oc[0].getPropSet()[0].getVal()).isEqualTo(VirtualMachinePowerState.poweredOn);
    TaskInfo ti = (TaskInfo) oc[0].getPropSet()[1].getVal();
    assertThat(ti.getKey()).isEqualTo("t");
    assertThat(ti.getState()).isNull();
  }

  @Test
  void readsAnUnknownSubtypeAsItsDeclaredTypeAndDropsUnknownAnyValues() throws Exception {
    String xml = Soap.response("RetrieveProperties", "<returnval><obj type=\"Task\">t</obj>"
        + "<propSet><name>info</name><val xsi:type=\"TaskInfo\"><key>t</key><task type=\"Task\">t</task>"
        + "<descriptionId>x</descriptionId><state>success</state><cancelled>false</cancelled>"
        + "<cancelable>false</cancelable><reason xsi:type=\"TaskReasonFromTheFuture\"><who>me</who></reason>"
        + "<eventChainId>0</eventChainId></val></propSet>"
        + "<propSet><name>future</name><val xsi:type=\"FutureThing\"><a>1</a></val></propSet></returnval>");
    ObjectContent[] oc = (ObjectContent[]) read("ObjectContent[]", xml);
    TaskInfo ti = (TaskInfo) oc[0].getPropSet()[0].getVal();
    assertThat(ti.getState().name()).isEqualTo("success");
    assertThat(ti.getReason()).isNotNull();
    assertThat(oc[0].getPropSet()[1].getName()).isEqualTo("future");
    assertThat(oc[0].getPropSet()[1].getVal()).isNull();
  }

  @Test
  void keepsKnownDataUntouched() throws Exception {
    String xml = Soap.response("RetrieveProperties", "<returnval><obj type=\"VirtualMachine\">vm-1</obj>"
        + "<propSet><name>config.extraConfig</name><val xsi:type=\"ArrayOfOptionValue\">"
        + "<OptionValue xsi:type=\"OptionValue\"><key>guestinfo.vice./common/name</key><value xsi:type=\"xsd:string\">a|b</value></OptionValue>"
        + "</val></propSet></returnval>");
    ObjectContent[] oc = (ObjectContent[]) read("ObjectContent[]", xml);
    assertThat(Props.convert(oc[0].getPropSet()[0].getVal()))
        .isEqualTo(java.util.Map.of("guestinfo.vice./common/name", "a|b"));
  }

  @Test
  void pinsTheApiVersionToTheOlderOfServerAndModel() {
    assertThat(VchWsClient.pin("8.0.2.0")).isEqualTo("6.0");
    assertThat(VchWsClient.pin("6.0")).isEqualTo("6.0");
    assertThat(VchWsClient.pin("5.5")).isEqualTo("5.5");
    assertThat(VchWsClient.pin(null)).isEqualTo("6.0");
  }
}
