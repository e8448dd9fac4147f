package dev.vch.personality.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.personality.fake.FakeImages;
import dev.vch.personality.fake.FakePortLayer;
import dev.vch.personality.server.EmbeddedApi;
import dev.vch.portlayer.api.ImageHistory;
import dev.vch.portlayer.api.ImageService;
import dev.vch.portlayer.api.PortLayer;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.ProgressListener;
import dev.vch.portlayer.api.RegistryAuth;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** POST /images/create?fromImage=: what reaches the port layer's pull, and what the client sees. */
class ImagePullEndpointTest {
    private final List<Object[]> pulls = new ArrayList<>();
    private final EmbeddedApi api = new EmbeddedApi(portLayer(), 1024 * 1024);

    private PortLayer portLayer() {
        PortLayer base = FakePortLayer.create("vch-test");
        ImageService fake = new FakeImages();
        ImageService images = (ImageService) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ImageService.class}, (proxy, method, args) -> {
                    if (method.getName().equals("pull") && args.length == 5) {
                        pulls.add(args);
                        if ("missing".equals(args[1])) {
                            throw PortLayerException.notFound("manifest for app:missing not found: manifest unknown:"
                                    + " manifest unknown");
                        }
                        ((ProgressListener) args[4]).progress("0123456789ab", "Downloading", 5, 10);
                        ((ProgressListener) args[4]).progress(null, "Status: Downloaded newer image for app:1", 0, 0);
                        return null;
                    }
                    if (method.getName().equals("history")) {
                        return List.of(new ImageHistory("sha256:" + "cd".repeat(32), Instant.ofEpochSecond(1700000001),
                                "CMD [\"sh\"]", List.of("app:1"), 0, ""), new ImageHistory("<missing>",
                                Instant.ofEpochSecond(1700000000), "ADD rootfs /", List.of(), 4096, "base"));
                    }
                    return method.invoke(fake, args);
                });
        return new PortLayer(base.containers(), images, base.system(), base.events());
    }

    private EmbeddedApi.Response create(String query, String auth) {
        return EmbeddedApi.Response.parse(api.send("POST /v1.45/images/create?" + query + " HTTP/1.1\r\nHost: d\r\n"
                + (auth == null ? "" : "X-Registry-Auth: " + auth + "\r\n") + "Content-Length: 0\r\n\r\n"));
    }

    @Test
    void pullsTheTagWithTheClientsCredentialsAndStreamsProgress() {
        String auth = Base64.getUrlEncoder().encodeToString(
                "{\"username\":\"u\",\"password\":\"p\",\"serveraddress\":\"127.0.0.1:5000\"}"
                        .getBytes(StandardCharsets.UTF_8));

        var r = create("fromImage=127.0.0.1%3A5000%2Fapp&tag=1", auth);

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).contains("{\"status\":\"Downloading\",\"progressDetail\":{\"current\":5,\"total\":10},"
                + "\"id\":\"0123456789ab\"}", "{\"status\":\"Status: Downloaded newer image for app:1\"}");
        Object[] call = pulls.getFirst();
        assertThat(call[0]).isEqualTo("127.0.0.1:5000/app");
        assertThat(call[1]).isEqualTo("1");
        assertThat(call[2]).isNull();
        assertThat(((RegistryAuth) call[3]).username()).isEqualTo("u");
        assertThat(((RegistryAuth) call[3]).password()).isEqualTo("p");
    }

    @Test
    void noTagAnywhereIsAllTagsAndThePlatformIsPassedOn() {
        assertThat(create("fromImage=busybox&platform=linux%2Farm64", null).status()).isEqualTo(200);
        assertThat(create("fromImage=busybox%3A1.36", null).status()).isEqualTo(200);

        assertThat(pulls.get(0)).containsSequence("docker.io/library/busybox", "", "linux/arm64");
        assertThat(pulls.get(1)).containsSequence("docker.io/library/busybox", "1.36");
        assertThat(((RegistryAuth) pulls.get(1)[3]).username()).isNull();
    }

    @Test
    void historyIsDockersJson() {
        var r = api.get("/v1.45/images/app:1/history");

        assertThat(r.status()).isEqualTo(200);
        assertThat(r.body()).isEqualTo("[{\"Id\":\"sha256:" + "cd".repeat(32) + "\",\"Created\":1700000001,"
                + "\"CreatedBy\":\"CMD [\\\"sh\\\"]\",\"Tags\":[\"app:1\"],\"Size\":0,\"Comment\":\"\"},"
                + "{\"Id\":\"<missing>\",\"Created\":1700000000,\"CreatedBy\":\"ADD rootfs /\","
                + "\"Size\":4096,\"Comment\":\"base\"}]");
    }

    @Test
    void aFailureBeforeAnyProgressIsAnHttpError() {
        var r = create("fromImage=app&tag=missing", null);

        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("manifest for app:missing not found: manifest unknown: manifest unknown");
    }
}
