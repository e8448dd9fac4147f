package dev.vch.personality.handlers;

import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.dto.AuthDto;
import dev.vch.personality.dto.InfoDto;
import dev.vch.personality.dto.VersionDto;
import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.api.SystemInfo;
import dev.vch.portlayer.api.SystemService;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code /_ping}, {@code /version}, {@code /info} and {@code /auth}. */
final class SystemHandlers {
    private static final byte[] OK = "OK".getBytes(StandardCharsets.US_ASCII);
    private static final Map<String, String> PING_HEADERS = Map.of(
            "Cache-Control", "no-cache, no-store, must-revalidate",
            "Pragma", "no-cache",
            "Swarm", "inactive");

    private final DockerApiConfig config;
    private final SystemService system;
    private final ImageService images;

    SystemHandlers(DockerApiConfig config, SystemService system, ImageService images) {
        this.config = config;
        this.system = system;
        this.images = images;
    }

    /** HEAD and GET, versioned or not; the version headers come with every response. */
    Reply ping(ApiRequest request) {
        return new Reply.Full(HttpResponseStatus.OK, OK, "text/plain; charset=utf-8", PING_HEADERS);
    }

    Reply version(ApiRequest request) {
        var v = config.versions();
        String kernel = System.getProperty("os.version");
        String arch = arch();
        Map<String, String> details = new LinkedHashMap<>();
        details.put("ApiVersion", v.maxApi().toString());
        details.put("MinAPIVersion", v.minApi().toString());
        details.put("GitCommit", v.gitCommit());
        details.put("GoVersion", "java" + Runtime.version().feature());
        details.put("Os", "linux");
        details.put("Arch", arch);
        details.put("KernelVersion", kernel);
        details.put("Experimental", "false");
        return Reply.ok(new VersionDto(Map.of("Name", "Virtual Container Host " + v.product()),
                List.of(new VersionDto.Component("Engine", v.product(), details)), v.product(),
                v.maxApi().toString(), v.minApi().toString(), v.gitCommit(), "java" + Runtime.version().feature(),
                "linux", arch, kernel, ""));
    }

    Reply info(ApiRequest request) {
        SystemInfo info = system.info();
        List<List<String>> driverStatus = new ArrayList<>();
        driverStatus.add(List.of("vSphere target", info.vsphereTarget()));
        driverStatus.add(List.of("vSphere version", info.vsphereVersion()));
        for (String ds : info.datastores()) {
            driverStatus.add(List.of("Datastore", ds));
        }
        Map<String, Object> swarm = new LinkedHashMap<>();
        swarm.put("NodeID", "");
        swarm.put("NodeAddr", "");
        swarm.put("LocalNodeState", "inactive");
        swarm.put("ControlAvailable", false);
        swarm.put("Error", "");
        swarm.put("RemoteManagers", null);
        return Reply.ok(new InfoDto(info.id(), info.containers(), info.containersRunning(), info.containersPaused(),
                info.containersStopped(), info.images(), "vSphere", driverStatus,
                List.of(List.of("VCH name", info.name())),
                Map.of("Volume", List.of(), "Network", List.of("bridge"), "Log", List.of("json-file")),
                true, false, false, false, true, false, 0, 0, Instant.now().toString(), "json-file", "none", 0,
                info.kernelVersion(), info.operatingSystem(), "linux", arch(), "https://index.docker.io/v1/",
                info.cpus(), info.memoryBytes(), "", info.name(), List.of(), false, config.versions().product(),
                Map.of("vsphere", Map.of("path", "containerVM")), "vsphere", swarm, false, "", List.of(),
                List.of()));
    }

    Reply auth(ApiRequest request) throws java.io.IOException {
        AuthDto.Request body = request.body(AuthDto.Request.class);
        if (body == null) {
            throw DockerApiException.badRequest("Bad parameters and missing X-Registry-Auth: EOF");
        }
        var result = images.login(new RegistryAuth(body.username(), body.password(), body.serverAddress(),
                body.identityToken()));
        return Reply.ok(new AuthDto.Response(result.status(), result.identityToken()));
    }

    private static String arch() {
        String a = System.getProperty("os.arch");
        return a.equals("amd64") || a.equals("x86_64") ? "amd64" : a.equals("aarch64") ? "arm64" : a;
    }
}
