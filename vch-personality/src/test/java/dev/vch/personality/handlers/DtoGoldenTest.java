package dev.vch.personality.handlers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vch.personality.dto.ContainerConfigDto;
import dev.vch.personality.server.JsonMapper;
import dev.vch.portlayer.api.Container;
import dev.vch.portlayer.api.ContainerSpec;
import dev.vch.portlayer.api.ContainerState;
import dev.vch.portlayer.api.ContainerStatus;
import dev.vch.portlayer.api.Event;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * DTOs against golden JSON in src/test/resources/golden: Docker's field names and shapes
 * are checked as whole documents. Run with -Dgolden.update=true to rewrite the files after
 * a deliberate change (then review the diff).
 */
class DtoGoldenTest {
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00.123456789Z");
    private final ObjectMapper json = JsonMapper.create();

    static Container sample() {
        var spec = new ContainerSpec("web", "docker.io/library/busybox:latest", List.of("sh", "-c", "echo hi"), null,
                List.of("A=1"), "/srv", "", null, null, Map.of("tier", "front"), false, false, false, false, true,
                true, Set.of("80/tcp"), List.of("/data:/data"),
                List.of(new ContainerSpec.PortBinding(80, "tcp", "0.0.0.0", 8080)), "bridge",
                ContainerSpec.RestartPolicy.NONE, false, 512L << 20, 1_000_000_000L, null, null, 24, 80);
        var state = new ContainerState(ContainerStatus.EXITED, 0, 3, "", false, CREATED.plusSeconds(5),
                CREATED.plusSeconds(65));
        return new Container("4f1c" + "0".repeat(60), "web", CREATED, "sha256:" + "ab".repeat(32), spec, state,
                List.of(new Container.NetworkEndpoint("bridge", "n1", "e1", "172.16.0.2", 16, "172.16.0.1",
                        "02:42:ac:10:00:02")), 0, 0);
    }

    @Test
    void containerInspect() throws IOException {
        assertGolden("container-inspect.json", ContainerTranslator.toInspect(sample()));
    }

    @Test
    void containerSummary() throws IOException {
        assertGolden("container-summary.json", ContainerTranslator.toSummary(sample(), CREATED.plusSeconds(185)));
    }

    @Test
    void event() throws IOException {
        var e = new Event("container", "die", "4f1c", Map.of("name", "web", "image", "busybox", "exitCode", "3"),
                CREATED);
        assertGolden("event-die.json", EventsHandler.toDto(e));
    }

    @Test
    void createRequestAsTheCliSendsIt() throws IOException {
        ContainerConfigDto dto;
        try (InputStream in = getClass().getResourceAsStream("/golden/create-request-run-it.json")) {
            dto = json.readValue(in, ContainerConfigDto.class);
        }
        ContainerSpec spec = ContainerTranslator.toSpec("web", dto);
        assertThat(spec.image()).isEqualTo("busybox"); // as the client named it: dockerd's Config.Image
        assertThat(spec.tty()).isTrue();
        assertThat(spec.openStdin()).isTrue();
        assertThat(spec.stdinOnce()).isTrue();
        assertThat(spec.autoRemove()).isTrue();
        assertThat(spec.networkMode()).as("\"default\" means the bridge network").isEqualTo("bridge");
        assertThat(spec.portBindings()).containsExactly(new ContainerSpec.PortBinding(80, "tcp", "", 8080));
        assertThat(spec.consoleHeight()).isEqualTo(24);
        assertThat(spec.consoleWidth()).isEqualTo(80);
        assertThat(spec.entrypoint()).isNull();
        assertThat(spec.cmd()).containsExactly("sh");
    }

    private void assertGolden(String name, Object dto) throws IOException {
        // re-parsed so number node types match those read from the file
        JsonNode actual = json.readTree(json.writeValueAsString(dto));
        Path file = Path.of("src/test/resources/golden", name);
        if (Boolean.getBoolean("golden.update")) {
            Files.writeString(file, json.writerWithDefaultPrettyPrinter().writeValueAsString(actual) + "\n");
        }
        JsonNode expected;
        try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
            assertThat(in).as("golden file " + name + " (create it with -Dgolden.update=true)").isNotNull();
            expected = json.readTree(in);
        }
        assertThat(actual.equals(expected)).as(name + " differs; actual:\n" + actual.toPrettyString()).isTrue();
    }
}
