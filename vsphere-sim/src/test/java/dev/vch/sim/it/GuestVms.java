package dev.vch.sim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.vmware.vim25.VirtualCdrom;
import com.vmware.vim25.VirtualCdromIsoBackingInfo;
import com.vmware.vim25.VirtualDevice;
import com.vmware.vim25.VirtualDeviceConfigSpec;
import com.vmware.vim25.VirtualDeviceConfigSpecFileOperation;
import com.vmware.vim25.VirtualDeviceConfigSpecOperation;
import com.vmware.vim25.VirtualDeviceConnectInfo;
import com.vmware.vim25.VirtualMachineConfigSpec;
import com.vmware.vim25.VirtualMachineFileInfo;
import com.vmware.vim25.VirtualSerialPort;
import com.vmware.vim25.VirtualSerialPortURIBackingInfo;
import dev.vch.sim.api.VsphereSimulator;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** What the ITs that boot a real guest through SOAP share: its ISO, uploads, device specs. */
final class GuestVms {
    static final String DS = "LocalDS_0";

    private GuestVms() {
    }

    /** The runtime ITs' guest ISO (dev.vch.sim.runtime.TestGuestImages, package-private there). */
    static Path guestIso() throws Exception {
        Method m = Class.forName("dev.vch.sim.runtime.TestGuestImages").getDeclaredMethod("guestIso");
        m.setAccessible(true);
        return (Path) m.invoke(null);
    }

    /** PUT {@code file} to {@code path} on the default datastore through /folder. */
    static void upload(VsphereSimulator sim, String cookie, Path file, String path) throws Exception {
        HttpResponse<String> up = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + sim.port() + "/folder/" + path + "?dcPath=DC0&dsName=" + DS))
                .header("Cookie", cookie).PUT(HttpRequest.BodyPublishers.ofFile(file)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(up.statusCode()).isEqualTo(200);
    }

    /** The first line the first client of {@code server} sends (a guest's serial port connecting there). */
    static CompletableFuture<String> firstLine(ServerSocket server) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = server.accept(); InputStream in = s.getInputStream()) {
                StringBuilder sb = new StringBuilder();
                int c;
                while ((c = in.read()) >= 0 && c != '\n') sb.append((char) c);
                return sb.toString();
            } catch (Exception e) {
                return "serial failed: " + e;
            }
        });
    }

    /** A 1-CPU, 256 MB VM spec on the default datastore. */
    static VirtualMachineConfigSpec smallVm(String name) {
        VirtualMachineConfigSpec spec = new VirtualMachineConfigSpec();
        spec.setName(name);
        spec.setNumCPUs(1);
        spec.setMemoryMB(256L);
        VirtualMachineFileInfo files = new VirtualMachineFileInfo();
        files.setVmPathName("[" + DS + "]");
        spec.setFiles(files);
        return spec;
    }

    /** A connected CD-ROM on IDE 0 with {@code isoPath} of the default datastore. */
    static VirtualCdrom cdrom(int key, String isoPath) {
        VirtualCdrom cd = new VirtualCdrom();
        cd.setKey(key);
        cd.setControllerKey(200);
        cd.setUnitNumber(0);
        VirtualCdromIsoBackingInfo b = new VirtualCdromIsoBackingInfo();
        b.setFileName("[" + DS + "] " + isoPath);
        cd.setBacking(b);
        cd.setConnectable(connected());
        return cd;
    }

    /** A connected serial port whose qemu end connects to 127.0.0.1:{@code port} (a client URI backing). */
    static VirtualSerialPort uriSerial(int key, int port) {
        VirtualSerialPort sp = new VirtualSerialPort();
        sp.setKey(key);
        VirtualSerialPortURIBackingInfo b = new VirtualSerialPortURIBackingInfo();
        b.setServiceURI("tcp://127.0.0.1:" + port);
        b.setDirection("client");
        sp.setBacking(b);
        sp.setConnectable(connected());
        sp.setYieldOnPoll(true);
        return sp;
    }

    static VirtualDeviceConnectInfo connected() {
        VirtualDeviceConnectInfo c = new VirtualDeviceConnectInfo();
        c.setStartConnected(true);
        c.setConnected(true);
        c.setAllowGuestControl(true);
        return c;
    }

    static VirtualDeviceConfigSpec add(VirtualDevice d, VirtualDeviceConfigSpecFileOperation fileOp) {
        VirtualDeviceConfigSpec s = new VirtualDeviceConfigSpec();
        s.setOperation(VirtualDeviceConfigSpecOperation.add);
        s.setDevice(d);
        if (fileOp != null) s.setFileOperation(fileOp);
        return s;
    }
}
