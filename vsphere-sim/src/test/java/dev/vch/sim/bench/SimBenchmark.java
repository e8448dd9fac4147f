package dev.vch.sim.bench;

import dev.vch.sim.api.SimulatorConfig;
import dev.vch.sim.api.VsphereSimulator;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/** Prints the figures of docs/benchmarks-vsphere-sim.md (run by vsphere-sim/bench/run.sh). */
public final class SimBenchmark {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String cookie;

    private SimBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        int vms = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        Path state = Files.createTempDirectory("sim-bench");
        try (VsphereSimulator sim = VsphereSimulator.start(SimulatorConfig.defaults(state).withHttp(true).withRunVms(false))) {
            URI sdk = sim.sdkUrl();
            HttpResponse<String> login = call(sdk, "<Login xmlns=\"urn:vim25\"><_this type=\"SessionManager\">SessionManager</_this><userName>user</userName><password>pass</password></Login>");
            cookie = login.headers().firstValue("Set-Cookie").orElseThrow();
            String folder = call(sdk, "<FindByInventoryPath xmlns=\"urn:vim25\"><_this type=\"SearchIndex\">SearchIndex</_this><inventoryPath>DC0/vm</inventoryPath></FindByInventoryPath>")
                    .body().replaceAll("(?s).*<returnval type=\"Folder\">([^<]+)<.*", "$1");
            double[] create = new double[vms];
            for (int i = 0; i < vms; i++) {
                long t0 = System.nanoTime();
                String task = call(sdk, "<CreateVM_Task xmlns=\"urn:vim25\"><_this type=\"Folder\">" + folder + "</_this><config><name>bench-" + i
                        + "</name><files><vmPathName>[LocalDS_0]</vmPathName></files><numCPUs>1</numCPUs><memoryMB>128</memoryMB></config>"
                        + "<pool type=\"ResourcePool\">resgroup-8</pool></CreateVM_Task>").body();
                String id = task.replaceAll("(?s).*<returnval type=\"Task\">([^<]+)<.*", "$1");
                String info = call(sdk, retrieve("Task", id, "info.state")).body();
                if (!info.contains("success")) throw new IllegalStateException(info);
                create[i] = (System.nanoTime() - t0) / 1e6;
            }
            String firstVm = call(sdk, "<FindByInventoryPath xmlns=\"urn:vim25\"><_this type=\"SearchIndex\">SearchIndex</_this><inventoryPath>DC0/vm/bench-0</inventoryPath></FindByInventoryPath>")
                    .body().replaceAll("(?s).*<returnval type=\"VirtualMachine\">([^<]+)<.*", "$1");
            double[] summary = new double[500];
            for (int i = 0; i < summary.length; i++) {
                long t0 = System.nanoTime();
                call(sdk, retrieve("VirtualMachine", firstVm, "summary"));
                summary[i] = (System.nanoTime() - t0) / 1e6;
            }
            String view = call(sdk, "<CreateContainerView xmlns=\"urn:vim25\"><_this type=\"ViewManager\">ViewManager</_this><container type=\"Folder\">group-d1</container>"
                    + "<type>VirtualMachine</type><recursive>true</recursive></CreateContainerView>").body().replaceAll("(?s).*<returnval type=\"ContainerView\">([^<]+)<.*", "$1");
            String list = "<RetrievePropertiesEx xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>VirtualMachine</type>"
                    + "<pathSet>name</pathSet><pathSet>runtime.powerState</pathSet></propSet><objectSet><obj type=\"ContainerView\">" + view + "</obj><skip>true</skip>"
                    + "<selectSet xsi:type=\"TraversalSpec\"><name>v</name><type>ContainerView</type><path>view</path><skip>false</skip></selectSet></objectSet></specSet><options/></RetrievePropertiesEx>";
            double[] listing = new double[5];
            int count = 0;
            for (int i = 0; i < listing.length; i++) {
                long t0 = System.nanoTime();
                String body = call(sdk, list).body();
                listing[i] = (System.nanoTime() - t0) / 1e6;
                count = body.split("<objects[ >]", -1).length - 1;
            }
            System.gc();
            Thread.sleep(200);
            System.gc();
            Runtime rt = Runtime.getRuntime();
            long heap = (rt.totalMemory() - rt.freeMemory()) / (1024 * 1024);
            System.out.printf("RetrieveProperties(VM summary) median: %.3f ms (p90 %.3f ms, n=%d)%n", median(summary), pct(summary, 0.9), summary.length);
            System.out.printf("CreateVM_Task to success median:      %.3f ms (p90 %.3f ms, n=%d)%n", median(create), pct(create, 0.9), create.length);
            System.out.printf("Container view listing of %d VMs:   median %.1f ms (name + runtime.powerState)%n", count, median(listing));
            System.out.printf("Heap in use with %d VMs after GC:   %d MiB%n", vms, heap);
        }
    }

    private static String retrieve(String type, String id, String path) {
        return "<RetrieveProperties xmlns=\"urn:vim25\"><_this type=\"PropertyCollector\">propertyCollector</_this><specSet><propSet><type>" + type
                + "</type><pathSet>" + path + "</pathSet></propSet><objectSet><obj type=\"" + type + "\">" + id + "</obj></objectSet></specSet></RetrieveProperties>";
    }

    private static HttpResponse<String> call(URI sdk, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(sdk).header("SOAPAction", "urn:vim25/6.5").header("Content-Type", "text/xml")
                .POST(HttpRequest.BodyPublishers.ofString("<?xml version=\"1.0\"?><soapenv:Envelope xmlns:soapenv=\"http://schemas.xmlsoap.org/soap/envelope/\" "
                        + "xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"><soapenv:Body>" + body + "</soapenv:Body></soapenv:Envelope>"));
        if (cookie != null) b.header("Cookie", cookie);
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static double median(double[] v) {
        return pct(v, 0.5);
    }

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[Math.min(s.length - 1, (int) (s.length * p))];
    }
}
