package dev.vch.portlayer.image.store;

import dev.vch.portlayer.api.PortLayerException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Docker's normalisation: full form in the store, familiar form for users. */
class ReferenceTest {

    @ParameterizedTest
    @CsvSource({
            "busybox, docker.io/library/busybox:latest, busybox:latest",
            "busybox:1.36, docker.io/library/busybox:1.36, busybox:1.36",
            "docker.io/library/busybox:latest, docker.io/library/busybox:latest, busybox:latest",
            "index.docker.io/library/busybox, docker.io/library/busybox:latest, busybox:latest",
            "user/app, docker.io/user/app:latest, user/app:latest",
            "localhost/app:1, localhost/app:1, localhost/app:1",
            "localhost:5000/a/b/c:v-1.2_x, localhost:5000/a/b/c:v-1.2_x, localhost:5000/a/b/c:v-1.2_x",
            "registry.example.com/team/app, registry.example.com/team/app:latest, registry.example.com/team/app:latest",
            "my_app.v2-x, docker.io/library/my_app.v2-x:latest, my_app.v2-x:latest",
    })
    void normalises(String input, String full, String familiar) {
        Reference r = Reference.parse(input);
        assertThat(r.full()).isEqualTo(full);
        assertThat(r.familiar()).isEqualTo(familiar);
        assertThat(Reference.parse(r.full())).isEqualTo(r);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "Busybox", "busybox:", "a//b", "-app", "app:tag with space", "app@sha256:abc",
            "app:" + "t" + "0123456789012345678901234567890123456789012345678901234567890123456789012345678901234567"
                    + "89012345678901234567890123456789012345678"})
    void rejectsInvalidReferences(String input) {
        assertThatThrownBy(() -> Reference.parse(input)).isInstanceOfSatisfying(PortLayerException.class,
                e -> assertThat(e.kind()).isEqualTo(PortLayerException.Kind.INVALID))
                .hasMessageStartingWith("invalid reference format");
    }

    @ParameterizedTest
    @CsvSource({"busybox, '', busybox:latest", "busybox, v1, busybox:v1", "localhost:5000/x, y, localhost:5000/x:y"})
    void combinesRepositoryAndTag(String repo, String tag, String familiar) {
        assertThat(Reference.of(repo, tag).familiar()).isEqualTo(familiar);
    }

    @ParameterizedTest
    @ValueSource(strings = {"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef"})
    void refusesAnIdAsARepositoryName(String hex) {
        assertThatThrownBy(() -> Reference.of(hex, "x")).hasMessageContaining("cannot specify 64-byte hexadecimal");
    }
}
