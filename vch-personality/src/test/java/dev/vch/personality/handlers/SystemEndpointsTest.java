package dev.vch.personality.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.fake.FakePortLayer;
import dev.vch.personality.server.EmbeddedApi;
import org.junit.jupiter.api.Test;

/** Ping, version negotiation, version, info, auth, and the 501/swarm answers, on an EmbeddedChannel. */
class SystemEndpointsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final dev.vch.portlayer.api.PortLayer portLayer = FakePortLayer.create("vch-test");
    private final EmbeddedApi api = new EmbeddedApi(portLayer, 1024 * 1024);

    @Test
    void eventsReplayFilteredHistoryUntilTheGivenTime() throws Exception {
        var created = portLayer.containers().create(new dev.vch.portlayer.api.ContainerSpec("ev",
                "docker.io/library/busybox:latest", java.util.List.of("echo"), null, null, null, null, null, null,
                null, false, false, false, false, true, true, null, null, null, "bridge", null, false, 0, 0, null,
                null, 0, 0));
        long until = java.time.Instant.now().getEpochSecond() + 1;
        var r = api.get("/v1.45/events?since=0&until=" + until
                + "&filters=%7B%22type%22%3A%5B%22container%22%5D%2C%22event%22%3A%5B%22create%22%5D%7D");
        assertThat(r.status()).isEqualTo(200);
        JsonNode event = json.readTree(r.body().lines().findFirst().orElseThrow());
        assertThat(event.get("Type").asText()).isEqualTo("container");
        assertThat(event.get("Action").asText()).isEqualTo("create");
        assertThat(event.at("/Actor/ID").asText()).isEqualTo(created.id());
        assertThat(event.at("/Actor/Attributes/name").asText()).isEqualTo("ev");

        var none = api.get("/v1.45/events?since=0&until=" + until + "&filters=%7B%22type%22%3A%5B%22image%22%5D%7D");
        assertThat(none.body()).isEmpty();
    }

    @Test
    void headPingHasVersionHeadersAndNoBody() {
        var r = api.request("HEAD", "/_ping", null);
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("api-version", "1.45").containsEntry("ostype", "linux")
                .containsEntry("docker-experimental", "false").containsEntry("swarm", "inactive");
        assertThat(r.body()).isEmpty();
    }

    @Test
    void getPingVersionedAndNot() {
        assertThat(api.get("/_ping").body()).isEqualTo("OK");
        var versioned = api.get("/v1.44/_ping");
        assertThat(versioned.status()).isEqualTo(200);
        assertThat(versioned.body()).isEqualTo("OK");
    }

    @Test
    void versionsOutsideTheRangeGetDockersError() throws Exception {
        var old = api.get("/v1.12/version");
        assertThat(old.status()).isEqualTo(400);
        assertThat(message(old)).isEqualTo("client version 1.12 is too old. Minimum supported API version is 1.24,"
                + " please upgrade your client to a newer version");
        var tooNew = api.get("/v1.99/info");
        assertThat(tooNew.status()).isEqualTo(400);
        assertThat(message(tooNew)).isEqualTo("client version 1.99 is too new. Maximum supported API version is 1.45");
    }

    @Test
    void versionReportsApiRange() throws Exception {
        JsonNode v = json.readTree(api.get("/v1.45/version").body());
        assertThat(v.get("ApiVersion").asText()).isEqualTo("1.45");
        assertThat(v.get("MinAPIVersion").asText()).isEqualTo("1.24");
        assertThat(v.get("Os").asText()).isEqualTo("linux");
        assertThat(v.at("/Components/0/Name").asText()).isEqualTo("Engine");
    }

    @Test
    void infoCarriesTheVchNameTargetAndCounts() throws Exception {
        JsonNode info = json.readTree(api.get("/info").body());
        assertThat(info.get("Name").asText()).isEqualTo("vch-test");
        assertThat(info.get("Images").asInt()).isEqualTo(1);
        assertThat(info.get("Containers").asInt()).isZero();
        assertThat(info.get("NCPU").asInt()).isEqualTo(2);
        assertThat(info.get("DriverStatus").toString()).contains("vSphere target", "embedded vSphere endpoint (fake)");
        assertThat(info.at("/Swarm/LocalNodeState").asText()).isEqualTo("inactive");
    }

    @Test
    void authAnswersLoginSucceededOrUnauthorized() throws Exception {
        var ok = api.request("POST", "/v1.45/auth",
                "{\"username\":\"u\",\"password\":\"good\",\"serveraddress\":\"reg:5000\"}");
        assertThat(ok.status()).isEqualTo(200);
        assertThat(json.readTree(ok.body()).get("Status").asText()).isEqualTo("Login Succeeded");
        var bad = api.request("POST", "/v1.45/auth", "{\"username\":\"u\",\"password\":\"x\",\"serveraddress\":\"r\"}");
        assertThat(bad.status()).isEqualTo(401);
        assertThat(message(bad)).contains("unauthorized");
    }

    @Test
    void notYetServedEndpointsAnswer501NamingTheCommand() throws Exception {
        var r = api.request("POST", "/v1.45/containers/abc/pause", "");
        assertThat(r.status()).isEqualTo(501);
        assertThat(message(r)).isEqualTo("Virtual Container Host does not yet implement docker pause");
        assertThat(message(api.get("/v1.45/volumes"))).isEqualTo(
                "Virtual Container Host does not yet implement docker volume ls");
        assertThat(api.request("POST", "/v1.45/images/busybox/push", "").status()).isEqualTo(501);
    }

    @Test
    void objectsThisVchHasNoneOfAreNotFoundSoDockerInspectFallsThrough() throws Exception {
        var volume = api.get("/v1.45/volumes/x");
        assertThat(volume.status()).isEqualTo(404);
        assertThat(message(volume)).isEqualTo("get x: no such volume");
        assertThat(message(api.get("/v1.45/plugins/x/json"))).isEqualTo("plugin \"x\" not found");
        var network = api.get("/v1.45/networks/x");
        assertThat(network.status()).isEqualTo(404);
        assertThat(message(network)).isEqualTo("network x not found");
        assertThat(api.get("/v1.45/networks/bridge").status()).isEqualTo(501);
    }

    @Test
    void swarmEndpointsAnswerAsDockerdWithoutSwarm() throws Exception {
        var nodes = api.get("/v1.45/nodes");
        assertThat(nodes.status()).isEqualTo(503);
        assertThat(message(nodes)).startsWith("This node is not a swarm manager.");
        assertThat(message(api.get("/v1.45/swarm"))).isEqualTo("This node is not part of a swarm");
    }

    @Test
    void unknownPathIs404AndTheConnectionKeepsServing() throws Exception {
        var r = api.get("/v1.45/no/such/thing");
        assertThat(r.status()).isEqualTo(404);
        assertThat(message(r)).isEqualTo("page not found");
        assertThat(api.get("/_ping").body()).isEqualTo("OK");
    }

    private String message(EmbeddedApi.Response r) throws Exception {
        return json.readTree(r.body()).get("message").asText();
    }
}
