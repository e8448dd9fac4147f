package dev.vch.personality.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.personality.ApiVersion;
import dev.vch.personality.errors.DockerApiException;
import io.netty.handler.codec.http.HttpMethod;
import org.junit.jupiter.api.Test;

class RouterTest {
    private final Handler h = r -> Reply.noContent();
    private final Router router = new Router()
            .add(HttpMethod.GET, "/containers/json", h)
            .add(HttpMethod.GET, "/containers/{id}/json", h)
            .add(HttpMethod.DELETE, "/containers/{id}", h)
            .add(HttpMethod.GET, "/images/{name*}/json", h)
            .add(HttpMethod.GET, "/_ping", h);

    @Test
    void fixedPathsWinOverTemplatesWhenListedFirst() {
        var m = router.route(HttpMethod.GET, "/containers/json");
        assertThat(m.route().template()).isEqualTo("/containers/json");
        assertThat(router.route(HttpMethod.GET, "/containers/abc/json").params()).containsEntry("id", "abc");
    }

    @Test
    void greedyParameterTakesImageNamesWithSlashes() {
        var m = router.route(HttpMethod.GET, "/images/docker.io/library/busybox:latest/json");
        assertThat(m.params()).containsEntry("name", "docker.io/library/busybox:latest");
    }

    @Test
    void segmentsArePercentDecodedButPlusStaysLiteral() {
        assertThat(router.route(HttpMethod.GET, "/images/reg%3A5000%2Fapp/json").params())
                .containsEntry("name", "reg:5000/app");
        assertThat(router.route(HttpMethod.DELETE, "/containers/a+b").params()).containsEntry("id", "a+b");
    }

    @Test
    void headFallsBackToGet() {
        assertThat(router.route(HttpMethod.HEAD, "/_ping").route().template()).isEqualTo("/_ping");
    }

    @Test
    void unknownPathIsDockerdsPageNotFound() {
        assertThatThrownBy(() -> router.route(HttpMethod.GET, "/nope"))
                .isInstanceOfSatisfying(DockerApiException.class, e -> {
                    assertThat(e.status().code()).isEqualTo(404);
                    assertThat(e.getMessage()).isEqualTo("page not found");
                });
    }

    @Test
    void knownPathWithOtherMethodIs405() {
        assertThatThrownBy(() -> router.route(HttpMethod.POST, "/containers/json"))
                .isInstanceOfSatisfying(DockerApiException.class, e -> assertThat(e.status().code()).isEqualTo(405));
    }

    @Test
    void emptySegmentDoesNotMatchAParameter() {
        assertThatThrownBy(() -> router.route(HttpMethod.GET, "/containers//json"))
                .isInstanceOf(DockerApiException.class);
    }

    @Test
    void apiVersionsCompareNumerically() {
        assertThat(ApiVersion.parse("1.9")).isLessThan(ApiVersion.parse("1.10"));
        assertThat(ApiVersion.parse("1.45").atLeast("1.44")).isTrue();
        assertThatThrownBy(() -> ApiVersion.parse("1.x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ApiVersion.parse("1.")).isInstanceOf(IllegalArgumentException.class);
    }
}
