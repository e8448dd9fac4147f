package dev.vch.personality.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.fake.FakePortLayer;
import dev.vch.personality.server.EmbeddedApi;
import dev.vch.portlayer.api.PortLayer;
import dev.vch.portlayer.api.WaitCondition;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Container endpoints on an EmbeddedChannel: create, list, wait, logs framing, attach hijack. */
class ContainerEndpointsTest {
    private final ObjectMapper json = new ObjectMapper();
    private final PortLayer portLayer = FakePortLayer.create("vch-test");
    private final EmbeddedApi api = new EmbeddedApi(portLayer, 64 * 1024);

    private String create(String body) throws Exception {
        var r = api.request("POST", "/v1.45/containers/create", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return json.readTree(r.body()).get("Id").asText();
    }

    private void runToExit(String id) {
        var exit = portLayer.containers().wait(id, WaitCondition.NEXT_EXIT).toCompletableFuture();
        portLayer.containers().start(id);
        exit.orTimeout(10, TimeUnit.SECONDS).join();
    }

    @Test
    void createAcceptsAStringCmdAndIgnoresUnknownFields() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":\"echo\",\"SomethingNew\":{\"x\":1}}");
        JsonNode inspect = json.readTree(api.get("/v1.45/containers/" + id + "/json").body());
        assertThat(inspect.get("Path").asText()).isEqualTo("echo");
        assertThat(inspect.at("/Config/Image").asText()).isEqualTo("busybox"); // as given, as dockerd keeps it
        assertThat(inspect.at("/State/Status").asText()).isEqualTo("created");
        assertThat(inspect.at("/HostConfig/LogConfig/Type").asText()).isEqualTo("json-file");
    }

    @Test
    void createOfAMissingImageIsNoSuchImage() throws Exception {
        var r = api.request("POST", "/v1.45/containers/create", "{\"Image\":\"alpine\"}");
        assertThat(r.status()).isEqualTo(404);
        assertThat(json.readTree(r.body()).get("message").asText()).isEqualTo("No such image: alpine:latest");
    }

    @Test
    void duplicateNameIsAConflict() throws Exception {
        create("{\"Image\":\"busybox\"}".replace("}", ",\"Cmd\":[\"echo\"]}"));
        api.request("POST", "/v1.45/containers/create?name=web", "{\"Image\":\"busybox\"}");
        var r = api.request("POST", "/v1.45/containers/create?name=web", "{\"Image\":\"busybox\"}");
        assertThat(r.status()).isEqualTo(409);
        assertThat(r.body()).contains("The container name \\\"/web\\\" is already in use");
    }

    @Test
    void listShowsStoppedContainersOnlyWithAll() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 3\"]}");
        runToExit(id);
        assertThat(json.readTree(api.get("/v1.45/containers/json").body())).isEmpty();
        JsonNode all = json.readTree(api.get("/v1.45/containers/json?all=1").body());
        assertThat(all).hasSize(1);
        assertThat(all.get(0).get("Status").asText()).startsWith("Exited (3)");
        assertThat(all.get(0).get("Command").asText()).isEqualTo("sh -c 'exit 3'");
        assertThat(all.get(0).get("State").asText()).isEqualTo("exited");
    }

    @Test
    void waitOnAStoppedContainerAnswersAtOnceWithDockersBody() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sh\",\"-c\",\"exit 7\"]}");
        runToExit(id);
        var r = api.request("POST", "/v1.45/containers/" + id + "/wait?condition=not-running", "");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.headers()).containsEntry("transfer-encoding", "chunked");
        assertThat(r.body().trim()).isEqualTo("{\"StatusCode\":7,\"Error\":null}");
    }

    @Test
    void waitSendsItsHeadersBeforeTheContainerExits() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\",\"x\"]}");
        var headersOut = api.latchOnWrite("HTTP/1.1 200 OK");
        // handlers run on the calling thread here, so the wait runs on its own thread and blocks there
        Thread waiter = Thread.ofVirtual().start(() -> api.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer(
                EmbeddedApi.requestText("POST", "/v1.45/containers/" + id + "/wait?condition=next-exit", ""),
                StandardCharsets.UTF_8)));
        assertThat(headersOut.await(10, TimeUnit.SECONDS)).as("headers written before the exit").isTrue();
        assertThat(api.drain()).startsWith("HTTP/1.1 200 OK").doesNotContain("StatusCode");
        portLayer.containers().start(id);
        waiter.join(java.time.Duration.ofSeconds(10));
        assertThat(api.drain()).contains("{\"StatusCode\":0,\"Error\":null}");
    }

    @Test
    void invalidWaitConditionIs400() {
        String id;
        try {
            id = create("{\"Image\":\"busybox\"}");
        } catch (Exception e) {
            throw new AssertionError(e);
        }
        assertThat(api.request("POST", "/v1.45/containers/" + id + "/wait?condition=soon", "").status())
                .isEqualTo(400);
    }

    @Test
    void logsAreMultiplexedWithoutTtyAndRawWithTty() throws Exception {
        String plain = create("{\"Image\":\"busybox\",\"Cmd\":[\"stderr\",\"oops\"]}");
        runToExit(plain);
        var r = api.get("/v1.45/containers/" + plain + "/logs?stdout=1&stderr=1");
        assertThat(r.headers().get("content-type")).isEqualTo("application/vnd.docker.multiplexed-stream");
        byte[] body = r.body().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(body).startsWith(2, 0, 0, 0, 0, 0, 0, 5);
        assertThat(new String(body, 8, 5, StandardCharsets.UTF_8)).isEqualTo("oops\n");

        String tty = create("{\"Image\":\"busybox\",\"Tty\":true,\"Cmd\":[\"echo\",\"hi\"]}");
        runToExit(tty);
        var raw = api.get("/v1.45/containers/" + tty + "/logs?stdout=1");
        assertThat(raw.headers().get("content-type")).isEqualTo("application/vnd.docker.raw-stream");
        assertThat(raw.body()).isEqualTo("hi\r\n");
    }

    @Test
    void logsWithoutAStreamIs400() throws Exception {
        String id = create("{\"Image\":\"busybox\"}");
        var r = api.get("/v1.45/containers/" + id + "/logs");
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("you must choose at least one stream");
    }

    @Test
    void attachUpgradesKeepsStdinSentBeforeStartAndHandlesHalfClose() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"OpenStdin\":true,\"StdinOnce\":true,\"AttachStdin\":true,"
                + "\"Cmd\":[\"cat\"]}");
        String head = api.send("POST /v1.45/containers/" + id + "/attach?stdin=1&stdout=1&stderr=1&stream=1"
                + " HTTP/1.1\r\nHost: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
        assertThat(head).startsWith("HTTP/1.1 101 UPGRADED\r\n")
                .contains("content-type: application/vnd.docker.multiplexed-stream")
                .contains("upgrade: tcp");
        assertThat(api.channel.pipeline().get("http")).isNull();

        api.channel.writeInbound(io.netty.buffer.Unpooled.copiedBuffer("before start\n", StandardCharsets.UTF_8));
        api.channel.pipeline().fireUserEventTriggered(ChannelInputShutdownEvent.INSTANCE);
        var closed = new java.util.concurrent.CountDownLatch(1);
        api.channel.closeFuture().addListener(f -> closed.countDown());
        portLayer.containers().start(id);
        assertThat(closed.await(10, TimeUnit.SECONDS)).as("closed when the process exits").isTrue();

        byte[] out = api.drain().getBytes(StandardCharsets.ISO_8859_1);
        assertThat(out).startsWith(1, 0, 0, 0, 0, 0, 0, 13);
        assertThat(new String(out, 8, 13, StandardCharsets.UTF_8)).isEqualTo("before start\n");
        assertThat(portLayer.containers().inspect(id).state().exitCode()).isZero();
    }

    @Test
    void streamIsAttachedBeforeThe101AndEarlyOutputFollowsIt() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"echo\"]}");
        // the CLI sends start as soon as it reads the 101: the stream must be attached by then
        var apiRef = new java.util.concurrent.atomic.AtomicReference<EmbeddedApi>();
        var beforeAttach = new StringBuilder();
        // a port layer whose process prints and exits the moment the stream is attached,
        // i.e. before the server has written its 101
        var real = portLayer.containers();
        var eager = (dev.vch.portlayer.api.ContainerService) java.lang.reflect.Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {dev.vch.portlayer.api.ContainerService.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("attach")) {
                        beforeAttach.append(apiRef.get().drain());
                        var sink = (dev.vch.portlayer.api.OutputSink) args[2];
                        sink.write(dev.vch.portlayer.api.StdStream.STDOUT, "early\n".getBytes(StandardCharsets.UTF_8));
                        sink.end(null);
                        return real.attach((String) args[0], (dev.vch.portlayer.api.AttachOptions) args[1],
                                new dev.vch.portlayer.api.OutputSink() {
                                    public void write(dev.vch.portlayer.api.StdStream s, byte[] d) { }

                                    public void end(String e) { }
                                });
                    }
                    return method.invoke(real, args);
                });
        var eagerApi = new EmbeddedApi(new PortLayer(eager, portLayer.images(), portLayer.system(),
                portLayer.events()), 64 * 1024);
        apiRef.set(eagerApi);
        var closed = new java.util.concurrent.CountDownLatch(1);
        eagerApi.channel.closeFuture().addListener(f -> closed.countDown());
        String out = eagerApi.send("POST /v1.45/containers/" + id + "/attach?stdout=1&stream=1 HTTP/1.1\r\n"
                + "Host: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n");
        assertThat(closed.await(10, TimeUnit.SECONDS)).isTrue();
        out = beforeAttach + out + eagerApi.drain();
        assertThat(beforeAttach.toString()).as("nothing written before the stream was attached").isEmpty();
        assertThat(out).startsWith("HTTP/1.1 101 UPGRADED\r\n");
        assertThat(out.substring(out.indexOf("\r\n\r\n") + 4)).isEqualTo("\u0001\u0000\u0000\u0000\u0000\u0000\u0000\u0006early\n");
    }

    @Test
    void attachToAMissingContainerIs404BeforeAnyUpgrade() {
        var r = EmbeddedApi.Response.parse(api.send("POST /v1.45/containers/nope/attach?stream=1 HTTP/1.1\r\n"
                + "Host: d\r\nConnection: Upgrade\r\nUpgrade: tcp\r\nContent-Length: 0\r\n\r\n"));
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.body()).contains("No such container: nope");
    }

    @Test
    void removeOfARunningContainerNeedsForce() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\"]}");
        portLayer.containers().start(id);
        var r = api.request("DELETE", "/v1.45/containers/" + id, null);
        assertThat(r.status()).isEqualTo(409);
        assertThat(api.request("DELETE", "/v1.45/containers/" + id + "?force=1", null).status()).isEqualTo(204);
        assertThat(api.request("DELETE", "/v1.45/containers/" + id, null).status()).isEqualTo(404);
    }

    @Test
    void startTwiceIsNotModified() throws Exception {
        String id = create("{\"Image\":\"busybox\",\"Cmd\":[\"sleep\"]}");
        assertThat(api.request("POST", "/v1.45/containers/" + id + "/start", "").status()).isEqualTo(204);
        var again = api.request("POST", "/v1.45/containers/" + id + "/start", "");
        assertThat(again.status()).isEqualTo(304);
        assertThat(again.body()).isEmpty();
        portLayer.containers().kill(id, "KILL");
    }
}
