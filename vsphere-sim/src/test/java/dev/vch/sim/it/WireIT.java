package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Wire format, versions, faults and hostile input, straight over HTTP. */
class WireIT {
    @TempDir
    static Path state;
    @TempDir
    static Path outside;
    static VsphereSimulator sim;
    static SoapClient c;

    @BeforeAll
    static void start() throws Exception {
        sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true).withRunVms(false));
        c = new SoapClient(sim.sdkUrl());
        c.login();
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    private static final String CONTENT = "<RetrieveServiceContent xmlns=\"urn:vim25\"><_this type=\"ServiceInstance\">ServiceInstance</_this></RetrieveServiceContent>";

    @Test
    void serviceContentFollowsTheRequestedVersion() throws Exception {
        String base = c.post("", SoapClient.envelope(CONTENT)).body();
        String v51 = c.post("\"urn:vim25/5.1\"", SoapClient.envelope(CONTENT)).body();
        String v65 = c.post("urn:vim25/6.5", SoapClient.envelope(CONTENT)).body();
        assertThat(base).contains("<rootFolder type=\"Folder\">group-d1</rootFolder>").doesNotContain("datastoreNamespaceManager");
        assertThat(v51).doesNotContain("datastoreNamespaceManager").doesNotContain("vStorageObjectManager");
        assertThat(v65).contains("datastoreNamespaceManager").contains("vStorageObjectManager");
    }

    @Test
    void versionsDocument() throws Exception {
        HttpResponse<String> r = c.http.send(HttpRequest.newBuilder(URI.create(sim.sdkUrl() + "/vimServiceVersions.xml")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.body()).contains("<name>urn:vim25</name>").contains("<version>6.5</version>").contains("<version>5.1</version>");
    }

    @Test
    void moRefInAnySlotWritesTypeBeforeXsiType() throws Exception {
        String body = c.call("<RetrieveProperties xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet>"
                + "<propSet><type>HostSystem</type><pathSet>parent</pathSet></propSet><objectSet><obj type=\"HostSystem\">host-20</obj></objectSet>"
                + "</specSet></RetrieveProperties>").body();
        assertThat(body).contains("<val type=\"ClusterComputeResource\" xsi:type=\"ManagedObjectReference\">domain-c7</val>");
    }

    @Test
    void unauthenticatedCallsAreNotAuthenticated() throws Exception {
        SoapClient anon = new SoapClient(sim.sdkUrl());
        HttpResponse<String> r = anon.call("<RetrieveProperties xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this>"
                + "<specSet><propSet><type>Folder</type><pathSet>name</pathSet></propSet><objectSet><obj type=\"Folder\">group-d1</obj></objectSet></specSet></RetrieveProperties>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("xsi:type=\"NotAuthenticated\"");
    }

    @Test
    void unknownMethodAndWrongMoRefType() throws Exception {
        HttpResponse<String> r = c.call("<FlyToTheMoon xmlns=\"urn:vim25\"><_this type=\"Folder\">group-d1</_this></FlyToTheMoon>");
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("xsi:type=\"MethodNotFound\"").contains("<method>FlyToTheMoon</method>");
        r = c.call("<PowerOnVM_Task xmlns=\"urn:vim25\"><_this type=\"VirtualMachine\">group-d1</_this></PowerOnVM_Task>");
        assertThat(r.body()).contains("xsi:type=\"ManagedObjectNotFound\"");
        r = c.call("<CreateFolder xmlns=\"urn:vim25\"><_this type=\"Folder\">group-d1</_this></CreateFolder>");
        assertThat(r.body()).contains("xsi:type=\"InvalidArgument\"");
    }

    @Test
    void hostileXmlIsRefusedAndTheEndpointKeepsServing() throws Exception {
        Path secret = Files.writeString(outside.resolve("secret.txt"), "TOPSECRET");
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file://" + secret + "\">]>"
                + "<soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\"><soapenv:Body><Login xmlns=\"urn:vim25\">"
                + "<_this type=\"SessionManager\">SessionManager</_this><userName>&e;</userName><password>x</password></Login></soapenv:Body></soapenv:Envelope>";
        HttpResponse<String> r = c.post("urn:vim25/6.5", xxe);
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("InvalidRequest").doesNotContain("TOPSECRET");
        String laughs = "<?xml version=\"1.0\"?><!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">"
                + "<!ENTITY c \"&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;\"><!ENTITY d \"&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;\">]><x>&d;&d;&d;</x>";
        assertThat(c.post("urn:vim25/6.5", laughs).body()).contains("InvalidRequest");
        assertThat(c.post("urn:vim25/6.5", "<soapenv:Envelope><broken").body()).contains("InvalidRequest");
        assertThat(c.post("urn:vim25/6.5", "x".repeat(17 * 1024 * 1024)).statusCode()).isEqualTo(413);
        assertThat(c.post("urn:vim25/6.5", SoapClient.envelope(CONTENT)).statusCode()).isEqualTo(200);
    }

    @Test
    void datastorePathsCannotLeaveTheDatastore() throws Exception {
        HttpResponse<String> r = c.call("<MakeDirectory xmlns=\"urn:vim25\"><_this type=\"FileManager\">FileManager</_this>"
                + "<name>[LocalDS_0] ../../etc-escape</name></MakeDirectory>");
        assertThat(r.body()).contains("InvalidDatastorePath");
        assertThat(Files.exists(state.resolve("etc-escape"))).isFalse();
        for (String url : new String[] {"/folder/..%2F..%2Finventory%2Fx?dsName=LocalDS_0", "/folder/../../x?dsName=LocalDS_0",
                "/folder/a/%2e%2e/%2e%2e/%2e%2e/x?dsName=LocalDS_0"}) {
            HttpResponse<String> put = c.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + url))
                    .header("Cookie", c.cookie).PUT(HttpRequest.BodyPublishers.ofString("owned")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(put.statusCode()).as(url).isIn(400, 404);
        }
        assertThat(Files.exists(state.resolve("x"))).isFalse();
        assertThat(Files.exists(state.resolve("inventory/x"))).isFalse();
        HttpResponse<String> anon = c.http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + sim.port() + "/folder/a.txt?dsName=LocalDS_0"))
                .PUT(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anon.statusCode()).isEqualTo(401);
    }

    @Test
    void containerViewAndWaitForUpdates() throws Exception {
        String view = c.call("<CreateContainerView xmlns=\"urn:vim25\"><_this type=\"ViewManager\">ViewManager</_this>"
                + "<container type=\"Folder\">group-d1</container><type>HostSystem</type><recursive>true</recursive></CreateContainerView>").body();
        String id = view.replaceAll("(?s).*<returnval type=\"ContainerView\">([^<]+)</returnval>.*", "$1");
        String hosts = c.call("<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet>"
                + "<propSet><type>ContainerView</type><pathSet>view</pathSet></propSet><objectSet><obj type=\"ContainerView\">" + id + "</obj></objectSet>"
                + "</specSet><options/></RetrievePropertiesEx>").body();
        assertThat(hosts).contains("xsi:type=\"ArrayOfManagedObjectReference\"").contains(">host-20<").contains(">host-21<").contains(">host-32<");

        String filter = c.call("<CreateFilter xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><spec>"
                + "<propSet><type>Folder</type><pathSet>name</pathSet></propSet><objectSet><obj type=\"Folder\">group-d1</obj></objectSet></spec>"
                + "<partialUpdates>false</partialUpdates></CreateFilter>").body();
        assertThat(filter).contains("type=\"PropertyFilter\"");
        String first = c.call("<WaitForUpdatesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><version></version>"
                + "<options><maxWaitSeconds>0</maxWaitSeconds></options></WaitForUpdatesEx>").body();
        assertThat(first).contains("<kind>enter</kind>").contains(">Datacenters<");
        String version = first.replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        String none = c.call("<WaitForUpdatesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><version>" + version
                + "</version><options><maxWaitSeconds>0</maxWaitSeconds></options></WaitForUpdatesEx>").body();
        assertThat(none).doesNotContain("<returnval>");
        Thread renamer = Thread.ofVirtual().start(() -> {
            try {
                c.call("<Rename_Task xmlns=\"urn:vim25\"><_this type=\"Folder\">group-d1</_this><newName>Renamed</newName></Rename_Task>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        String changed = c.call("<WaitForUpdatesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><version>" + version
                + "</version><options><maxWaitSeconds>60</maxWaitSeconds></options></WaitForUpdatesEx>").body();
        renamer.join();
        assertThat(changed).contains("<kind>modify</kind>").contains(">Renamed<");
        c.call("<Rename_Task xmlns=\"urn:vim25\"><_this type=\"Folder\">group-d1</_this><newName>Datacenters</newName></Rename_Task>");
    }

    @Test
    void cancelWaitForUpdatesEndsAWaitingCall() throws Exception {
        SoapClient other = new SoapClient(sim.sdkUrl());
        other.login();
        other.call("<CreateFilter xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><spec>"
                + "<propSet><type>Datacenter</type><pathSet>name</pathSet></propSet><objectSet><obj type=\"Datacenter\">datacenter-2</obj></objectSet></spec>"
                + "<partialUpdates>false</partialUpdates></CreateFilter>");
        String first = other.call("<WaitForUpdates xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><version></version></WaitForUpdates>").body();
        String version = first.replaceAll("(?s).*<version>([^<]+)</version>.*", "$1");
        var waiting = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
            try {
                return other.call("<WaitForUpdates xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><version>"
                        + version + "</version></WaitForUpdates>");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        // the cancel may land before the wait starts; cancelling again until the wait ends covers both orders
        while (!waiting.isDone()) {
            other.call("<CancelWaitForUpdates xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this></CancelWaitForUpdates>");
            try {
                waiting.get(200, java.util.concurrent.TimeUnit.MILLISECONDS);
            } catch (java.util.concurrent.TimeoutException stillWaiting) {
                // not ended yet: cancel again
            }
        }
        HttpResponse<String> r = waiting.get();
        assertThat(r.statusCode()).isEqualTo(500);
        assertThat(r.body()).contains("xsi:type=\"RequestCanceled\"");
    }
}
