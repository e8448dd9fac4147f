package dev.vch.portlayer.image;

import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.ImageFilter;
import dev.vch.portlayer.api.ImageService.Deletion;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ImageStoreTest {

    static final long BASE = 64L * 1024 * 1024;
    static final byte[] BASE_LAYER = new TarBuilder().file("bin/sh", "shell", 0755, 0, 0).file("etc/os", "t").build();
    static final byte[] APP_LAYER = new TarBuilder().file("srv/app", "app").build();

    @TempDir
    Path tmp;
    LocalDirDatastore ds;
    ImageStore store;

    @BeforeEach
    void setUp() {
        ds = new LocalDirDatastore(tmp.resolve("ds"), "datastore1");
        store = newStore();
    }

    ImageStore newStore() {
        return new ImageStore(ds, "vch/VIC/s1", tmp.resolve("work"), BASE).start();
    }

    String load(byte[] config, List<byte[]> layers, String... tags) throws IOException {
        Path a = TestImages.archive(tmp.resolve("in"), config, layers, List.of(tags));
        try (InputStream in = Files.newInputStream(a)) {
            store.load(in, null);
        }
        return ChainIds.sha256(config);
    }

    static PortLayerException.Kind kind(Throwable t) {
        return ((PortLayerException) t).kind();
    }

    @Test
    void loadsADockerSaveArchiveWithDockersImageIdAndConfig() throws IOException {
        byte[] config = TestImages.config(List.of(BASE_LAYER, APP_LAYER), "a");
        Path a = TestImages.archive(tmp.resolve("in"), config, List.of(BASE_LAYER, APP_LAYER), List.of("app:1"));
        List<String> loaded;
        List<String> progress = new java.util.ArrayList<>();
        try (InputStream in = Files.newInputStream(a)) {
            loaded = store.load(in, (id, status, current, total) -> progress.add(id + " " + status + " " + total));
        }
        assertThat(loaded).containsExactly("app:1");
        assertThat(progress).containsExactly(
                ChainIds.hex(ChainIds.sha256(BASE_LAYER)).substring(0, 12) + " Loading layer " + BASE_LAYER.length,
                ChainIds.hex(ChainIds.sha256(APP_LAYER)).substring(0, 12) + " Loading layer " + APP_LAYER.length);
        Image img = store.inspect("app:1");
        assertThat(img.id()).isEqualTo(ChainIds.sha256(config));
        assertThat(img.repoTags()).containsExactly("app:1");
        assertThat(img.config().cmd()).containsExactly("sh");
        assertThat(img.config().workingDir()).isEqualTo("/srv");
        assertThat(img.config().exposedPorts()).containsExactly("80/tcp");
        assertThat(img.size()).isEqualTo(5 + 1 + 3);
        assertThat(store.inspect("docker.io/library/app:1").id()).isEqualTo(img.id());
        assertThat(store.inspect(img.id().substring(7, 19)).id()).isEqualTo(img.id());
        assertThat(store.diskOf("app:1")).startsWith("[datastore1] vch/VIC/s1/images/")
                .endsWith(".vmdk");
    }

    @Test
    void sharesLayersByChainIdAndSurvivesARestart() throws IOException {
        String a = load(TestImages.config(List.of(BASE_LAYER, APP_LAYER), "a"), List.of(BASE_LAYER, APP_LAYER),
                "app:a");
        String b = load(TestImages.config(List.of(BASE_LAYER), "b"), List.of(BASE_LAYER), "base:latest",
                "localhost:5000/base:v1");
        assertThat(ds.list("vch/VIC/s1/images")).hasSize(3); // scratch + two layers
        assertThat(store.record(b).topChainId()).isEqualTo(store.record(a).chainIds().getFirst());

        store = newStore();
        assertThat(store.list(ImageFilter.everything())).extracting(Image::id).containsExactlyInAnyOrder(a, b);
        assertThat(store.inspect("base").repoTags()).containsExactlyInAnyOrder("base:latest",
                "localhost:5000/base:v1");
        assertThat(store.list(new ImageFilter(false, null, Set.of("base"), null))).extracting(Image::id)
                .containsExactly(b);
        assertThat(store.list(new ImageFilter(false, null, null, Map.of("variant", "a")))).extracting(Image::id)
                .containsExactly(a);
    }

    @Test
    void unknownRefsAnswerDockersWording() {
        assertThatThrownBy(() -> store.inspect("nothere")).hasMessage("No such image: nothere:latest")
                .matches(t -> kind(t) == PortLayerException.Kind.NOT_FOUND);
        assertThatThrownBy(() -> store.inspect("sha256:" + "a".repeat(64)))
                .hasMessage("No such image: sha256:" + "a".repeat(64));
        assertThatThrownBy(() -> store.tag("nothere", "x", "y")).hasMessageContaining("No such image");
    }

    @Test
    void tagsUntagsAndRemovesWithDockersRules() throws IOException {
        String id = load(TestImages.config(List.of(BASE_LAYER), "r"), List.of(BASE_LAYER), "one:latest");
        store.tag("one", "two", "v2");
        store.tag("one", "docker.io/library/three", "");
        assertThat(store.inspect(id).repoTags()).containsExactlyInAnyOrder("one:latest", "two:v2", "three:latest");

        assertThatThrownBy(() -> store.remove(id.substring(7, 19), false, false))
                .hasMessage("conflict: unable to delete " + id.substring(7, 19)
                        + " (must be forced) - image is referenced in multiple repositories")
                .matches(t -> kind(t) == PortLayerException.Kind.CONFLICT);

        assertThat(store.remove("two:v2", false, false)).containsExactly(new Deletion("two:v2", null));
        store.usage(i -> Optional.of(new ImageUsage.Use("c0ffee1234567890", true)));
        assertThatThrownBy(() -> store.remove(id, true, false))
                .hasMessageContaining("(cannot be forced) - image is being used by running container c0ffee123456");
        store.usage(ImageUsage.NONE);

        List<Deletion> out = store.remove(id, true, false);
        assertThat(out).contains(new Deletion("one:latest", null), new Deletion("three:latest", null),
                new Deletion(null, id));
        assertThat(out.getLast().deleted()).isEqualTo(ChainIds.sha256(BASE_LAYER));
        assertThat(store.list(ImageFilter.everything())).isEmpty();
        assertThat(ds.list("vch/VIC/s1/images")).containsExactly("scratch");
    }

    @Test
    void importsARootfsWithChanges() {
        byte[] rootfs = new TarBuilder().file("hello", "hi").build();
        String id = store.importImage(new ByteArrayInputStream(rootfs), "imported", "v1",
                List.of("CMD [\"/hello\"]", "ENV A=1 B=\"two words\"", "EXPOSE 8080", "WORKDIR /w", "USER nobody",
                        "LABEL k=v", "ENTRYPOINT echo hi", "VOLUME /data", "STOPSIGNAL SIGINT"),
                "my message", null);
        Image img = store.inspect("imported:v1");
        assertThat(img.id()).isEqualTo(id);
        assertThat(img.config().cmd()).containsExactly("/hello");
        assertThat(img.config().entrypoint()).containsExactly("/bin/sh", "-c", "echo hi");
        assertThat(img.config().env()).containsExactly("A=1", "B=two words");
        assertThat(img.config().exposedPorts()).containsExactly("8080/tcp");
        assertThat(img.config().volumes()).containsExactly("/data");
        assertThat(img.config().labels()).containsEntry("k", "v");
        assertThat(img.config().user()).isEqualTo("nobody");
        assertThat(img.config().stopSignal()).isEqualTo("SIGINT");

        assertThatThrownBy(() -> store.importImage(new ByteArrayInputStream(rootfs), "x", "", List.of("FROM busybox"),
                null)).hasMessage("FROM is not a valid change command");
        assertThatThrownBy(() -> store.importImage(new ByteArrayInputStream(rootfs), "x", "", List.of("ONBUILD RUN x"),
                null)).matches(t -> kind(t) == PortLayerException.Kind.NOT_IMPLEMENTED);
    }

    @Test
    void aLayerThatDoesNotMatchItsDiffIdRegistersNothing() throws IOException {
        byte[] config = TestImages.config(List.of(BASE_LAYER, APP_LAYER), "m");
        byte[] other = new TarBuilder().file("srv/app", "tampered").build();
        Path a = TestImages.archive(tmp.resolve("in"), config, List.of(BASE_LAYER, other), List.of("bad:1"));
        try (InputStream in = Files.newInputStream(a)) {
            assertThatThrownBy(() -> store.load(in, null)).hasMessageContaining("does not match")
                    .matches(t -> kind(t) == PortLayerException.Kind.INVALID);
        }
        assertThat(store.list(ImageFilter.everything())).isEmpty();
        assertThatThrownBy(() -> store.inspect("bad:1")).hasMessageContaining("No such image");
        assertThat(ds.list("vch/VIC/s1/metadata/images")).isEmpty();
    }

    @Test
    void aHostileLayerIsRejectedAndTheStoreKeepsServing() throws IOException {
        byte[] evil = new TarBuilder().symlink("etc", "/etc").file("etc/passwd", "root::0:0::/:/bin/sh").build();
        Path a = TestImages.archive(tmp.resolve("in"), TestImages.config(List.of(evil), "e"), List.of(evil),
                List.of("evil:1"));
        try (InputStream in = Files.newInputStream(a)) {
            assertThatThrownBy(() -> store.load(in, null)).hasMessageContaining("symlink etc");
        }
        assertThat(ds.list("vch/VIC/s1/images")).containsExactly("scratch");
        load(TestImages.config(List.of(BASE_LAYER), "ok"), List.of(BASE_LAYER), "ok:1");
        assertThat(store.inspect("ok:1").repoTags()).containsExactly("ok:1");
    }

    @Test
    void unfinishedLayersAndImagesAreCleanedAtStart() {
        ds.putBytes("vch/VIC/s1/images/deadbeef/deadbeef.vmdk", new byte[] {1});
        ds.putBytes("vch/VIC/s1/metadata/images/cafe/config.json", "{}".getBytes());
        store = newStore();
        assertThat(ds.list("vch/VIC/s1/images")).containsExactly("scratch");
        assertThat(ds.list("vch/VIC/s1/metadata/images")).isEmpty();
    }

    @Test
    void refusesArchivesItCannotRead() {
        assertThatThrownBy(() -> store.load(new ByteArrayInputStream(new TarBuilder().file("x", "y").build()), null))
                .hasMessageContaining("no manifest.json");
        assertThatThrownBy(() -> store.load(new ByteArrayInputStream(new TarBuilder().file("repositories", "{}")
                .build()), null)).matches(t -> kind(t) == PortLayerException.Kind.NOT_IMPLEMENTED);
    }
}
