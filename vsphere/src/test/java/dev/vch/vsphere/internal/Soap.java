package dev.vch.vsphere.internal;

/** Hand-written vim25 SOAP envelopes for tests. */
public final class Soap {

  private Soap() {}

  public static String envelope(String body) {
    return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        + "<soapenv:Envelope xmlns:soapenc=\"http://schemas.xmlsoap.org/soap/encoding/\""
        + " xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\""
        + " xmlns:xsd=\"http://www.w3.org/2001/XMLSchema\""
        + " xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>" + body
        + "</soapenv:Body></soapenv:Envelope>";
  }

  public static String response(String method, String returnval) {
    return envelope("<" + method + "Response xmlns=\"urn:vim25\">" + returnval + "</" + method + "Response>");
  }

  /** A ServiceContent of a 6.5 vCenter: carries properties (datastoreNamespaceManager...) newer than yavijava's model. */
  public static String serviceContent(String apiType, String apiVersion) {
    return response("RetrieveServiceContent", "<returnval>"
        + "<rootFolder type=\"Folder\">group-d1</rootFolder>"
        + "<propertyCollector type=\"PropertyCollector\">propertyCollector</propertyCollector>"
        + "<viewManager type=\"ViewManager\">ViewManager</viewManager>"
        + "<about><name>VMware vCenter Server</name><fullName>VMware vCenter Server " + apiVersion + "</fullName>"
        + "<vendor>VMware, Inc.</vendor><version>" + apiVersion + ".0</version><build>1</build>"
        + "<localeVersion>INTL</localeVersion><localeBuild>000</localeBuild><osType>linux-x64</osType>"
        + "<productLineId>vpx</productLineId><apiType>" + apiType + "</apiType><apiVersion>" + apiVersion
        + "</apiVersion><instanceUuid>dbed6e0c</instanceUuid>"
        + "<licenseProductName>VMware VirtualCenter Server</licenseProductName>"
        + "<licenseProductVersion>6.0</licenseProductVersion></about>"
        + "<sessionManager type=\"SessionManager\">SessionManager</sessionManager>"
        + "<licenseManager type=\"LicenseManager\">LicenseManager</licenseManager>"
        + "<searchIndex type=\"SearchIndex\">SearchIndex</searchIndex>"
        + "<fileManager type=\"FileManager\">FileManager</fileManager>"
        + "<datastoreNamespaceManager type=\"DatastoreNamespaceManager\">DatastoreNamespaceManager</datastoreNamespaceManager>"
        + "<vStorageObjectManager type=\"VcenterVStorageObjectManager\">VStorageObjectManager</vStorageObjectManager>"
        + "</returnval>");
  }

  public static String login() {
    return response("Login", "<returnval><key>abc</key><userName>user</userName><fullName>user</fullName>"
        + "<loginTime>2026-11-22T02:44:33Z</loginTime><lastActiveTime>2026-11-22T02:44:33Z</lastActiveTime>"
        + "<locale>en_US</locale><messageLocale>en_US</messageLocale><extensionSession>false</extensionSession>"
        + "</returnval>");
  }

  public static String fault(String type, String message, String detailBody) {
    return envelope("<soapenv:Fault><faultcode>ServerFaultCode</faultcode><faultstring>" + message
        + "</faultstring><detail><" + type + "Fault xmlns=\"urn:vim25\" xsi:type=\"" + type + "\">" + detailBody
        + "</" + type + "Fault></detail></soapenv:Fault>");
  }

  public static String notAuthenticated() {
    return fault("NotAuthenticated", "The session is not authenticated.",
        "<object type=\"Folder\">group-d1</object><privilegeId>System.View</privilegeId>");
  }

  /** RetrieveProperties answer for a task's info. */
  public static String taskInfo(String task, String state, String resultOrError) {
    return response("RetrieveProperties", "<returnval><obj type=\"Task\">" + task + "</obj><propSet><name>info</name>"
        + "<val xsi:type=\"TaskInfo\"><key>" + task + "</key><task type=\"Task\">" + task + "</task>"
        + "<descriptionId>Folder.createVm</descriptionId><state>" + state + "</state><cancelled>false</cancelled>"
        + "<cancelable>false</cancelable>" + resultOrError
        + "<queueTime>2026-11-22T02:44:38Z</queueTime><eventChainId>0</eventChainId></val></propSet></returnval>");
  }
}
