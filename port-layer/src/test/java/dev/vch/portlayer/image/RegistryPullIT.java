package dev.vch.portlayer.image;

import dev.vch.portlayer.api.Image;
import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.api.RegistryAuth;
import dev.vch.portlayer.image.store.ChainIds;
import dev.vch.portlayer.image.store.LocalDirDatastore;
import dev.vch.portlayer.registry.RegistryConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * docker pull from Debian's docker-registry on 127.0.0.1 (plain HTTP, TLS with a test CA, TLS
 * with htpasswd) into the image store; every image is built and pushed by the test, and its
 * files are read back from the layer disks.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RegistryPullIT {

    static final byte[] SINGLE = new TarBuilder().dir("etc", 0755, 0, 0).file("etc/motd", "one layer\n").build();

    @TempDir
    Path tmp;
    private LocalRegistry plain;
    private LocalRegistry tls;
    private LocalRegistry secured;
    private LocalDirDatastore ds;

    @BeforeAll
    void startRegistries(@TempDir Path registries) throws Exception {
        plain = LocalRegistry.start(registries.resolve("plain"), LocalRegistry.Mode.PLAIN);
        tls = LocalRegistry.start(registries.resolve("tls"), LocalRegistry.Mode.TLS);
        secured = LocalRegistry.start(registries.resolve("auth"), LocalRegistry.Mode.TLS_HTPASSWD);
    }

    @AfterAll
    void stopRegistries() {
        for (LocalRegistry r : new LocalRegistry[] {plain, tls, secured}) {
            if (r != null) {
                r.close();
            }
        }
    }

    @BeforeEach
    void newDatastore() {
        ds = new LocalDirDatastore(tmp.resolve("ds-" + System.nanoTime()), "datastore1");
    }

    /** A store that trusts the test CA and treats nothing as insecure (so TLS is really checked). */
    private ImageStore store(RegistryConfig config) {
        return new ImageStore(ds, "vch/VIC/s1", tmp.resolve("work-" + System.nanoTime()), ImageStoreTest.BASE).start()
                .registry(config);
    }

    private RegistryConfig verifying(String... cas) {
        return new RegistryConfig(Set.of(), List.of(cas), List.of(), Duration.ofMillis(50), 3);
    }

    private Ext4Reader disk(ImageStore store, String ref) {
        String top = ChainIds.hex(store.record(ref).topChainId());
        return Ext4Reader.ofVmdk(ds.resolve("vch/VIC/s1/images/" + top + "/" + top + ".vmdk"), tmp);
    }

    @Test
    void pullsOneLayerOverPlainHttp() {
        RegistryImage img = RegistryImage.of(List.of(SINGLE), "single", RegistryImage.DOCKER);
        plain.push("single", "1", img);
        ImageStore store = store(RegistryConfig.DEFAULT);

        Image pulled = store.pull(plain.domain() + "/single", "1", RegistryAuth.ANONYMOUS, null);

        assertThat(pulled.id()).isEqualTo(img.id());
        assertThat(pulled.repoDigests()).containsExactly(plain.domain() + "/single@" + img.manifestDigest());
        assertThat(disk(store, pulled.id()).cat("/etc/motd")).isEqualTo("one layer\n");
    }

    @Test
    void appliesWhiteoutsOpaqueDirectoriesLinksAndSetuidBitsOverTls() {
        byte[] l1 = new TarBuilder().dir("a", 0755, 0, 0).file("a/x", "x").file("a/y", "y").dir("b", 0755, 0, 0)
                .file("b/z", "z").dir("c/d", 0755, 0, 0).file("c/d/e", "e").build();
        byte[] l2 = new TarBuilder().file("a/.wh.x", "").dir("b", 0700, 0, 0).file("b/.wh..wh..opq", "")
                .file("b/new", "new").build();
        byte[] l3 = new TarBuilder().file(".wh.c", "").file("bin/tool", "#!tool".getBytes(), 04755, 0, 0, Map.of())
                .hardlink("bin/same", "bin/tool").symlink("lib", "usr/lib").dir("usr/lib", 0755, 0, 0)
                .file("home/u/f", "mine", 0600, 1000, 1000).build();
        RegistryImage img = RegistryImage.of(List.of(l1, l2, l3), "layers", RegistryImage.DOCKER);
        tls.push("layers", "1", img);
        ImageStore store = store(verifying(tls.caPem()));

        Image pulled = store.pull(tls.domain() + "/layers", "1", RegistryAuth.ANONYMOUS, null);

        Ext4Reader fs = disk(store, pulled.id());
        fs.fsck();
        assertThat(fs.stat("/a/x")).isNull();
        assertThat(fs.cat("/a/y")).isEqualTo("y");
        assertThat(fs.stat("/b/z")).isNull();
        assertThat(fs.cat("/b/new")).isEqualTo("new");
        assertThat(fs.stat("/b").mode() & 07777).isEqualTo(0700);
        assertThat(fs.stat("/c")).isNull();
        assertThat(fs.stat("/bin/tool").mode() & 07777).isEqualTo(04755);
        assertThat(fs.stat("/bin/tool").links()).isEqualTo(2);
        assertThat(fs.stat("/bin/same").inode()).isEqualTo(fs.stat("/bin/tool").inode());
        assertThat(fs.readlink("/lib")).isEqualTo("usr/lib");
        assertThat(fs.stat("/home/u/f").uid()).isEqualTo(1000);
    }

    @Test
    void refusesAnUnknownCertificateAuthority() {
        tls.push("single", "1", RegistryImage.of(List.of(SINGLE), "ca", RegistryImage.DOCKER));
        ImageStore store = store(verifying());

        assertThatThrownBy(() -> store.pull(tls.domain() + "/single", "1", RegistryAuth.ANONYMOUS, null))
                .isInstanceOf(PortLayerException.class).hasMessageContaining("could not be reached")
                .hasMessageContaining("PKIX");
    }

    @Test
    void insecureRegistriesSkipTheCertificateCheckAndTheWhitelistIsHonoured() {
        tls.push("insecure", "1", RegistryImage.of(List.of(SINGLE), "insecure", RegistryImage.DOCKER));
        ImageStore store = store(new RegistryConfig(Set.of(tls.domain()), List.of(), List.of(), Duration.ofMillis(50), 3));
        ImageStore strict = store(new RegistryConfig(Set.of(tls.domain()), List.of(), List.of("10.0.0.0/8"),
                Duration.ofMillis(50), 3));

        assertThat(store.pull(tls.domain() + "/insecure", "1", RegistryAuth.ANONYMOUS, null).repoTags())
                .containsExactly(tls.domain() + "/insecure:1");
        assertThatThrownBy(() -> strict.pull(tls.domain() + "/insecure", "1", RegistryAuth.ANONYMOUS, null))
                .hasMessage("Access denied to unauthorized registry (" + tls.domain() + ") while VCH is in whitelist"
                        + " mode");
    }

    @Test
    void pullsWithTheRequestsOwnCredentials() {
        RegistryImage img = RegistryImage.of(List.of(SINGLE), "own", RegistryImage.DOCKER);
        secured.push("own", "1", img);
        ImageStore store = store(verifying(secured.caPem()));

        assertThat(store.pull(secured.domain() + "/own", "1", new RegistryAuth(LocalRegistry.USER,
                LocalRegistry.PASSWORD, secured.domain(), null), null).id()).isEqualTo(img.id());
    }

    @Test
    void pullsAnOciImageAndAManifestListWithLoginOverTlsAndHtpasswd() {
        byte[] amd = new TarBuilder().file("arch", "amd64").build();
        byte[] arm = new TarBuilder().file("arch", "arm64").build();
        RegistryImage amdImg = RegistryImage.of(List.of(amd), "amd", RegistryImage.OCI);
        RegistryImage armImg = RegistryImage.of(List.of(arm), "arm", RegistryImage.DOCKER);
        secured.push("multi", amdImg.manifestDigest(), amdImg);
        secured.push("multi", armImg.manifestDigest(), armImg);
        byte[] list = RegistryImage.index(List.of(armImg, amdImg), List.of("arm64", "amd64"));
        secured.pushManifest("multi", "1", RegistryImage.DOCKER_LIST, list);
        ImageStore store = store(verifying(secured.caPem()));
        String repo = secured.domain() + "/multi";

        assertThatThrownBy(() -> store.pull(repo, "1", RegistryAuth.ANONYMOUS, null))
                .hasMessageStartingWith("pull access denied for " + repo);
        assertThatThrownBy(() -> store.login(new RegistryAuth(LocalRegistry.USER, "nope", secured.domain(), null)))
                .hasMessage("login attempt to https://" + secured.domain() + "/v2/ failed with status: 401"
                        + " Unauthorized");
        assertThat(store.login(new RegistryAuth(LocalRegistry.USER, LocalRegistry.PASSWORD, secured.domain(), null))
                .status()).isEqualTo("Login Succeeded");
        Image pulled = store.pull(repo, "1", RegistryAuth.ANONYMOUS, null);

        assertThat(pulled.id()).isEqualTo(amdImg.id());
        assertThat(pulled.repoDigests()).containsExactly(repo + "@" + ChainIds.sha256(list));
        assertThat(disk(store, pulled.id()).cat("/arch")).isEqualTo("amd64");
        assertThatThrownBy(() -> store.pull(repo, "nope", RegistryAuth.ANONYMOUS, null))
                .hasMessage("manifest for " + repo + ":nope not found: manifest unknown: manifest unknown");
    }
}
