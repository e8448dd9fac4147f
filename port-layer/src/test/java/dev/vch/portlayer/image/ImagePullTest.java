package dev.vch.portlayer.image;

import com.github.tomakehurst.wiremock.WireMockServer;
import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import dev.vch.portlayer.registry.RegistryConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static com.github.tomakehurst.wiremock.client.WireMock.*;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** ImageStore.pull against a registry played by WireMock: progress, names, dedup, bad layers. */
class ImagePullTest {

    @TempDir
    Path tmp;
    private WireMockServer registry;
    private ImageStore store;
    private final List<String> lines = new ArrayList<>();

    @BeforeEach
    void setUp() {
        registry = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        registry.start();
        store = new ImageStore(new LocalDirDatastore(tmp.resolve("ds"), "datastore1"), "vch/VIC/s1",
                tmp.resolve("work"), ImageStoreTest.BASE).start()
                .registry(RegistryConfig.DEFAULT.withRetries(Duration.ofMillis(1), 2));
    }

    @AfterEach
    void tearDown() {
        registry.stop();
    }

    private String repo(String path) {
        return "127.0.0.1:" + registry.port() + "/" + path;
    }

    private void serve(String path, String tag, RegistryImage img) {
        registry.stubFor(get("/v2/" + path + "/manifests/" + tag).willReturn(ok().withBody(img.manifest())
                .withHeader("Content-Type", img.mediaType())));
        registry.stubFor(get("/v2/" + path + "/blobs/" + img.id()).willReturn(ok().withBody(img.config())));
        for (int i = 0; i < img.blobs().size(); i++) {
            registry.stubFor(get("/v2/" + path + "/blobs/" + img.blobDigests().get(i))
                    .willReturn(ok().withBody(img.blobs().get(i))));
        }
    }

    private Image pull(String path, String tag) {
        return store.pull(repo(path), tag, RegistryAuth.ANONYMOUS,
                (id, status, cur, total) -> lines.add((id == null ? "" : id + ": ") + status));
    }

    @Test
    void pullsWithDockersProgressIdAndNames() {
        RegistryImage img = RegistryImage.of(List.of(ImageStoreTest.BASE_LAYER, ImageStoreTest.APP_LAYER), "p",
                RegistryImage.DOCKER);
        serve("app", "1", img);

        Image pulled = pull("app", "1");

        String l0 = img.blobDigests().get(0).substring(7, 19);
        String l1 = img.blobDigests().get(1).substring(7, 19);
        assertThat(pulled.id()).isEqualTo(img.id());
        assertThat(pulled.repoTags()).containsExactly(repo("app") + ":1");
        assertThat(pulled.repoDigests()).containsExactly(repo("app") + "@" + img.manifestDigest());
        assertThat(lines).startsWith("1: Pulling from app", l0 + ": Pulling fs layer", l1 + ": Pulling fs layer")
                .contains(l0 + ": Downloading", l0 + ": Verifying Checksum", l0 + ": Download complete",
                        l0 + ": Extracting", l1 + ": Extracting")
                .endsWith(l1 + ": Pull complete", "Digest: " + img.manifestDigest(),
                        "Status: Downloaded newer image for " + repo("app") + ":1");
        assertThat(lines.indexOf(l0 + ": Pull complete")).isLessThan(lines.indexOf(l1 + ": Extracting"));

        var history = store.history(repo("app") + ":1");
        assertThat(history).extracting(h -> h.id() + " " + h.createdBy() + " " + (h.size() > 0))
                .containsExactly(img.id() + " CMD [\"sh\"] false", "<missing> ADD layer1 / true",
                        "<missing> ADD layer0 / true");
        assertThat(history.getFirst().tags()).containsExactly(repo("app") + ":1");

        lines.clear();
        pull("app", "1");
        assertThat(lines).endsWith("Status: Image is up to date for " + repo("app") + ":1");
        registry.verify(1, getRequestedFor(urlEqualTo("/v2/app/blobs/" + img.blobDigests().get(0))));
    }

    @Test
    void sharesLayersAcrossImagesAndPullsByDigest() {
        RegistryImage first = RegistryImage.of(List.of(ImageStoreTest.BASE_LAYER), "a", RegistryImage.DOCKER);
        RegistryImage second = RegistryImage.of(List.of(ImageStoreTest.BASE_LAYER, ImageStoreTest.APP_LAYER), "b",
                RegistryImage.OCI);
        serve("a", "1", first);
        serve("b", second.manifestDigest(), second);
        pull("a", "1");
        lines.clear();

        Image b = pull("b", second.manifestDigest());

        assertThat(lines).contains(second.blobDigests().get(0).substring(7, 19) + ": Already exists");
        assertThat(b.repoTags()).isEmpty();
        assertThat(b.repoDigests()).containsExactly(repo("b") + "@" + second.manifestDigest());
        registry.verify(0, getRequestedFor(urlEqualTo("/v2/b/blobs/" + second.blobDigests().get(0))));
        assertThat(store.record(b.id()).chainIds().getFirst()).isEqualTo(store.record(first.id()).chainIds().getFirst());
    }

    @Test
    void aHostileLayerLeavesNothingRegistered() {
        byte[] evil = new TarBuilder().file("ok", "fine").file("../../escape", "x").build();
        RegistryImage img = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER, evil), "evil", RegistryImage.DOCKER);
        serve("evil", "1", img);

        assertThatThrownBy(() -> pull("evil", "1")).hasMessageContaining("unsafe");
        assertThat(store.list(ImageFilter.everything())).isEmpty();
        assertThat(new LocalDirDatastore(tmp.resolve("ds"), "datastore1").list("vch/VIC/s1/images"))
                .containsExactly("scratch");
        assertThat(tmp.resolve("work/blobs")).isEmptyDirectory();
    }

    @Test
    void aConfigThatDoesNotMatchTheLayersIsRefused() {
        RegistryImage img = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER), "x", RegistryImage.DOCKER);
        RegistryImage wrong = new RegistryImage(TestImages.config(List.of(ImageStoreTest.BASE_LAYER), "x"),
                img.blobs(), img.manifest(), img.mediaType());
        serve("x", "1", img);
        registry.stubFor(get("/v2/x/blobs/" + img.id()).willReturn(ok().withBody(wrong.config())));

        assertThatThrownBy(() -> pull("x", "1")).isInstanceOf(PortLayerException.class)
                .hasMessageContaining("verification failed");
        assertThat(store.list(ImageFilter.everything())).isEmpty();
    }

    @Test
    void pullsEveryTagWithOneStatusLine() {
        RegistryImage one = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER), "t1", RegistryImage.DOCKER);
        RegistryImage two = RegistryImage.of(List.of(ImageStoreTest.BASE_LAYER), "t2", RegistryImage.OCI);
        serve("all", "1", one);
        serve("all", "2", two);
        registry.stubFor(get("/v2/all/tags/list").willReturn(okJson("{\"name\":\"all\",\"tags\":[\"1\"]}")
                .withHeader("Link", "</v2/all/tags/list?last=1&n=1>; rel=\"next\"")));
        registry.stubFor(get("/v2/all/tags/list?last=1&n=1").willReturn(okJson("{\"tags\":[\"2\"]}")));

        pull("all", "");

        assertThat(lines).contains("1: Pulling from all", "2: Pulling from all")
                .endsWith("Status: Downloaded newer image for " + repo("all"));
        assertThat(lines.stream().filter(l -> l.startsWith("Status:"))).hasSize(1);
        assertThat(store.inspect(repo("all") + ":1").id()).isEqualTo(one.id());
        assertThat(store.inspect(repo("all") + ":2").id()).isEqualTo(two.id());
    }

    @Test
    void pullsTheRequestedPlatformOfAManifestList() {
        RegistryImage amd = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER), "amd", RegistryImage.DOCKER);
        RegistryImage arm = RegistryImage.of(List.of(ImageStoreTest.BASE_LAYER), "arm", RegistryImage.OCI);
        serve("multi", amd.manifestDigest(), amd);
        serve("multi", arm.manifestDigest(), arm);
        registry.stubFor(get("/v2/multi/manifests/1").willReturn(ok().withBody(RegistryImage.index(List.of(amd, arm),
                List.of("amd64", "arm64"))).withHeader("Content-Type", RegistryImage.DOCKER_LIST)));

        assertThat(store.pull(repo("multi"), "1", "linux/arm64", RegistryAuth.ANONYMOUS, null).id())
                .isEqualTo(arm.id());
        assertThat(store.pull(repo("multi"), "1", null, RegistryAuth.ANONYMOUS, null).id()).isEqualTo(amd.id());
        assertThatThrownBy(() -> store.pull(repo("multi"), "1", "linux", RegistryAuth.ANONYMOUS, null))
                .hasMessageContaining("unknown operating system or architecture");
    }

    @Test
    void rmiOfTheLastTagDropsTheDigestToo() {
        RegistryImage img = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER), "r", RegistryImage.DOCKER);
        serve("r", "1", img);
        pull("r", "1");

        var deletions = store.remove(repo("r") + ":1", false, false);

        assertThat(deletions).extracting(d -> d.untagged() == null ? "deleted " + d.deleted() : d.untagged())
                .startsWith(repo("r") + ":1", repo("r") + "@" + img.manifestDigest())
                .contains("deleted " + img.id());
        assertThat(store.list(ImageFilter.everything())).isEmpty();
    }

    @Test
    void loginKeepsCredentialsForLaterPulls() {
        RegistryImage img = RegistryImage.of(List.of(ImageStoreTest.APP_LAYER), "s", RegistryImage.DOCKER);
        registry.stubFor(any(anyUrl()).atPriority(9).willReturn(unauthorized()
                .withHeader("WWW-Authenticate", "Basic realm=\"r\"")));
        registry.stubFor(get("/v2/").withBasicAuth("bob", "pw").willReturn(ok()));
        registry.stubFor(get("/v2/s/manifests/1").withBasicAuth("bob", "pw").willReturn(ok().withBody(img.manifest())
                .withHeader("Content-Type", img.mediaType())));
        registry.stubFor(get("/v2/s/blobs/" + img.id()).withBasicAuth("bob", "pw").willReturn(ok().withBody(img.config())));
        registry.stubFor(get("/v2/s/blobs/" + img.blobDigests().getFirst()).withBasicAuth("bob", "pw")
                .willReturn(ok().withBody(img.blobs().getFirst())));

        assertThatThrownBy(() -> pull("s", "1")).hasMessageContaining("pull access denied for " + repo("s"));
        assertThatThrownBy(() -> store.login(new RegistryAuth("bob", "wrong", "127.0.0.1:" + registry.port(), null)))
                .matches(e -> ((PortLayerException) e).kind() == PortLayerException.Kind.UNAUTHORIZED);
        assertThat(store.login(new RegistryAuth("bob", "pw", "http://127.0.0.1:" + registry.port() + "/", null))
                .status()).isEqualTo("Login Succeeded");
        assertThat(pull("s", "1").id()).isEqualTo(img.id());
        assertThat(ChainIds.sha256(store.configJson(img.id()))).isEqualTo(img.id());
    }
}
