package dev.vch.portlayer.registry;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.Reference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The registry client against WireMock: auth flows, faults, redirects, manifests. */
class RegistryClientTest {

    private static final Descriptor.Platform AMD64 = new Descriptor.Platform("linux", "amd64", "");
    private static final byte[] LAYER = "layer bytes ".repeat(5000).getBytes(StandardCharsets.UTF_8);
    private static final String LAYER_DIGEST = ChainIds.sha256(LAYER);

    @TempDir
    Path spool;
    private WireMockServer registry;
    private RegistryClient client;

    @BeforeEach
    void start() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        client = new RegistryClient(RegistryConfig.DEFAULT.withRetries(Duration.ofMillis(1), 3), spool);
    }

    @AfterEach
    void stop() {
        registry.stop();
    }

    private Reference ref(String path) {
        return Reference.parse("127.0.0.1:" + registry.port() + "/" + path);
    }

    private RegistryRepository repo(String path, Credentials creds) {
        return client.repository(ref(path), creds);
    }

    static String manifest(String configDigest, String... layerDigests) {
        List<String> layers = new ArrayList<>();
        for (String d : layerDigests) {
            layers.add("{\"mediaType\":\"application/vnd.docker.image.rootfs.diff.tar.gzip\",\"digest\":\"" + d
                    + "\",\"size\":" + LAYER.length + "}");
        }
        return "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"config\":{\"mediaType\":"
                + "\"application/vnd.docker.container.image.v1+json\",\"digest\":\"" + configDigest
                + "\",\"size\":2},\"layers\":[" + String.join(",", layers) + "]}";
    }

    private void stubManifest(String path, String tag, String body) {
        registry.stubFor(get("/v2/" + path + "/manifests/" + tag).willReturn(okJson(body)
                .withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)));
    }

    @Test
    void answersBearerChallengeAndCachesTheTokenPerScope() {
        String www = "Bearer realm=\"http://127.0.0.1:" + registry.port() + "/token\",service=\"test\"";
        String body = manifest(ChainIds.sha256(new byte[2]), LAYER_DIGEST);
        registry.stubFor(get(urlPathMatching("/v2/app/.*")).atPriority(9)
                .willReturn(unauthorized().withHeader("WWW-Authenticate", www)));
        registry.stubFor(get(urlPathEqualTo("/token")).withQueryParam("scope", equalTo("repository:app:pull"))
                .withBasicAuth("alice", "s3cret").willReturn(okJson("{\"token\":\"tok-1\",\"expires_in\":300}")));
        registry.stubFor(get("/v2/app/manifests/1").withHeader("Authorization", equalTo("Bearer tok-1"))
                .atPriority(1).willReturn(okJson(body).withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)));
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).withHeader("Authorization", equalTo("Bearer tok-1"))
                .atPriority(1).willReturn(ok().withBody(LAYER)));

        RegistryRepository repo = repo("app", new Credentials("alice", "s3cret"));
        ImageManifest m = repo.manifest("1", AMD64);
        try (SpooledBlob b = repo.blob(m.layers().getFirst(), x -> { })) {
            assertThat(b.file()).hasBinaryContent(LAYER);
        }

        assertThat(m.digest()).isEqualTo(ChainIds.sha256(body.getBytes(StandardCharsets.UTF_8)));
        registry.verify(1, getRequestedFor(urlPathEqualTo("/token")));
        registry.verify(1, getRequestedFor(urlPathMatching("/v2/app/blobs/.*")));
    }

    @Test
    void wrongPasswordAtTheTokenServerIsUnauthorized() {
        registry.stubFor(get(urlPathMatching("/v2/app/.*")).willReturn(unauthorized().withHeader("WWW-Authenticate",
                "Bearer realm=\"http://127.0.0.1:" + registry.port() + "/token\",service=\"test\"")));
        registry.stubFor(get(urlPathEqualTo("/token")).willReturn(unauthorized()));

        assertThatThrownBy(() -> repo("app", new Credentials("alice", "wrong")).manifest("1", AMD64))
                .isInstanceOf(PortLayerException.class).hasMessageContaining("incorrect username or password")
                .extracting(e -> ((PortLayerException) e).kind()).isEqualTo(PortLayerException.Kind.UNAUTHORIZED);
    }

    @Test
    void retriesAfter429And500() {
        String body = manifest(ChainIds.sha256(new byte[2]), LAYER_DIGEST);
        registry.stubFor(get("/v2/app/manifests/1").inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "0")).willSetStateTo("one"));
        registry.stubFor(get("/v2/app/manifests/1").inScenario("busy").whenScenarioStateIs("one")
                .willReturn(aResponse().withStatus(500)).willSetStateTo("two"));
        registry.stubFor(get("/v2/app/manifests/1").inScenario("busy").whenScenarioStateIs("two")
                .willReturn(okJson(body).withHeader("Content-Type", MediaTypes.DOCKER_MANIFEST)));

        assertThat(repo("app", Credentials.ANONYMOUS).manifest("1", AMD64).layers()).hasSize(1);
        registry.verify(3, getRequestedFor(urlEqualTo("/v2/app/manifests/1")));
    }

    @Test
    void givesUpAfterTheLastAttemptWithTheRegistrysError() {
        registry.stubFor(get("/v2/app/manifests/1").willReturn(aResponse().withStatus(503).withBody(
                "{\"errors\":[{\"code\":\"UNAVAILABLE\",\"message\":\"service unavailable\"}]}")));

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).manifest("1", AMD64))
                .hasMessage("unavailable: service unavailable")
                .extracting(e -> ((PortLayerException) e).kind()).isEqualTo(PortLayerException.Kind.UNAVAILABLE);
        registry.verify(3, getRequestedFor(urlEqualTo("/v2/app/manifests/1")));
    }

    @Test
    void retriesAConnectionResetBeforeTheAnswer() {
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("ok"));
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).inScenario("reset").whenScenarioStateIs("ok")
                .willReturn(ok().withBody(LAYER)));

        try (SpooledBlob b = repo("app", Credentials.ANONYMOUS).blob(layer(LAYER_DIGEST), x -> { })) {
            assertThat(b.file()).hasBinaryContent(LAYER);
        }
    }

    @Test
    void rejectsABlobWhoseDigestDoesNotMatchAndKeepsNothing() throws Exception {
        byte[] evil = LAYER.clone();
        evil[10] ^= 1;
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).willReturn(ok().withBody(evil)));

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).blob(layer(LAYER_DIGEST), x -> { }))
                .hasMessage("filesystem layer verification failed for digest " + LAYER_DIGEST);
        try (var files = Files.list(spool)) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void rejectsABlobLongerThanDeclared() {
        byte[] longer = new byte[LAYER.length + 1];
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).willReturn(ok().withBody(longer)));

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).blob(layer(LAYER_DIGEST), x -> { }))
                .hasMessageContaining("sent more than the " + LAYER.length + " bytes the manifest declares");
    }

    @Test
    void followsACrossHostRedirectWithoutCredentials() {
        WireMockServer storage = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        storage.start();
        try {
            registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).withBasicAuth("alice", "pw").willReturn(
                    temporaryRedirect("http://localhost:" + storage.port() + "/store/layer?sig=1")));
            registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).atPriority(9)
                    .willReturn(unauthorized().withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
            storage.stubFor(get("/store/layer?sig=1").willReturn(ok().withBody(LAYER)));

            try (SpooledBlob b = repo("app", new Credentials("alice", "pw")).blob(layer(LAYER_DIGEST), x -> { })) {
                assertThat(b.file()).hasBinaryContent(LAYER);
            }
            storage.verify(1, getRequestedFor(urlEqualTo("/store/layer?sig=1")).withoutHeader("Authorization"));
        } finally {
            storage.stop();
        }
    }

    @Test
    void selectsThePlatformFromAManifestList() {
        String amd = manifest(ChainIds.sha256(new byte[2]), LAYER_DIGEST);
        String amdDigest = ChainIds.sha256(amd.getBytes(StandardCharsets.UTF_8));
        String arm = manifest(ChainIds.sha256(new byte[3]), LAYER_DIGEST);
        String armDigest = ChainIds.sha256(arm.getBytes(StandardCharsets.UTF_8));
        String list = "{\"schemaVersion\":2,\"mediaType\":\"" + MediaTypes.DOCKER_LIST + "\",\"manifests\":["
                + entry(armDigest, arm, "arm64") + "," + entry(amdDigest, amd, "amd64") + "]}";
        stubManifest("multi", "1", list);
        stubManifest("multi", amdDigest, amd);
        stubManifest("multi", armDigest, arm);

        ImageManifest m = repo("multi", Credentials.ANONYMOUS).manifest("1", AMD64);
        assertThat(m.digest()).isEqualTo(ChainIds.sha256(list.getBytes(StandardCharsets.UTF_8)));
        assertThat(m.config().digest()).isEqualTo(ChainIds.sha256(new byte[2]));
        assertThat(repo("multi", Credentials.ANONYMOUS).manifest("1", Descriptor.Platform.parse("linux/arm64"))
                .config().digest()).isEqualTo(ChainIds.sha256(new byte[3]));
        assertThatThrownBy(() -> repo("multi", Credentials.ANONYMOUS).manifest("1",
                Descriptor.Platform.parse("linux/s390x")))
                .hasMessage("no matching manifest for linux/s390x in the manifest list entries");
    }

    private static String entry(String digest, String body, String arch) {
        return "{\"mediaType\":\"" + MediaTypes.DOCKER_MANIFEST + "\",\"digest\":\"" + digest + "\",\"size\":"
                + body.length() + ",\"platform\":{\"os\":\"linux\",\"architecture\":\"" + arch + "\"}}";
    }

    @Test
    void verifiesAManifestPulledByDigest() {
        String body = manifest(ChainIds.sha256(new byte[2]), LAYER_DIGEST);
        String wrong = ChainIds.sha256(new byte[7]);
        stubManifest("app", wrong, body);

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).manifest(wrong, AMD64))
                .hasMessageContaining("but failed because its digest is");
    }

    @Test
    void reportsUnknownManifestsAndDeniedAccessInDockersWords() {
        registry.stubFor(get("/v2/app/manifests/nope").willReturn(aResponse().withStatus(404).withBody(
                "{\"errors\":[{\"code\":\"MANIFEST_UNKNOWN\",\"message\":\"manifest unknown\"}]}")));
        registry.stubFor(get("/v2/secret/manifests/1").willReturn(unauthorized()
                .withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        String name = "127.0.0.1:" + registry.port();

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).manifest("nope", AMD64))
                .hasMessage("manifest for " + name + "/app:nope not found: manifest unknown: manifest unknown");
        assertThatThrownBy(() -> repo("secret", Credentials.ANONYMOUS).manifest("1", AMD64))
                .hasMessage("pull access denied for " + name + "/secret, repository does not exist or may require"
                        + " 'docker login': unauthorized: authentication required");
    }

    @Test
    void refusesAnOversizedManifest() {
        stubManifest("app", "big", "{\"pad\":\"" + "x".repeat(RegistryLimits.MAX_MANIFEST) + "\"}");

        assertThatThrownBy(() -> repo("app", Credentials.ANONYMOUS).manifest("big", AMD64))
                .hasMessageContaining("larger than " + RegistryLimits.MAX_MANIFEST + " bytes");
    }

    @Test
    void concurrentPullsOfOneBlobShareOneDownload() throws Exception {
        registry.stubFor(get("/v2/app/blobs/" + LAYER_DIGEST).willReturn(ok().withBody(LAYER)
                .withFixedDelay(300)));
        RegistryRepository repo = repo("app", Credentials.ANONYMOUS);
        List<CompletableFuture<SpooledBlob>> pulls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            pulls.add(CompletableFuture.supplyAsync(() -> repo.blob(layer(LAYER_DIGEST), x -> { })));
        }
        List<SpooledBlob> blobs = pulls.stream().map(CompletableFuture::join).toList();
        Path file = blobs.getFirst().file();
        assertThat(blobs).allSatisfy(b -> assertThat(b.file()).isEqualTo(file).hasBinaryContent(LAYER));
        registry.verify(1, getRequestedFor(urlPathMatching("/v2/app/blobs/.*")));
        blobs.forEach(SpooledBlob::close);
        assertThat(file).doesNotExist();
    }

    @Test
    void loginChecksCredentialsWithTheRegistry() {
        registry.stubFor(get("/v2/").withBasicAuth("alice", "pw").willReturn(ok()));
        registry.stubFor(get("/v2/").atPriority(9).willReturn(unauthorized()
                .withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        String domain = "127.0.0.1:" + registry.port();

        client.checkLogin(domain, new Credentials("alice", "pw"));
        assertThatThrownBy(() -> client.checkLogin(domain, new Credentials("alice", "nope")))
                .hasMessage("login attempt to http://" + domain + "/v2/ failed with status: 401 Unauthorized");
    }

    @Test
    void refusesRegistriesOffTheWhitelist() {
        RegistryClient strict = new RegistryClient(new RegistryConfig(java.util.Set.of(), List.of(),
                List.of("10.0.0.0/8", "myregistry.example:443"), Duration.ofMillis(1), 1), spool);

        assertThatThrownBy(() -> strict.repository(ref("app"), Credentials.ANONYMOUS))
                .hasMessage("Access denied to unauthorized registry (127.0.0.1:" + registry.port()
                        + ") while VCH is in whitelist mode");
    }

    static Descriptor layer(String digest) {
        return new Descriptor("application/vnd.docker.image.rootfs.diff.tar.gzip", digest, LAYER.length, null, null);
    }
}
