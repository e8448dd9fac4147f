package dev.vch.portlayer.image.layer;

import dev.vch.portlayer.api.PortLayerException;
import dev.vch.portlayer.image.TarBuilder;
import dev.vch.portlayer.image.disk.DebugfsScript;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Layers that try to write outside the image, or that are malformed, are refused whole. */
class HostileLayerTest {

    @TempDir
    Path tmp;

    void assertRejected(UnaryOperator<TarBuilder> layer, String why) throws IOException {
        Path staging = Files.createDirectories(tmp.resolve("staging"));
        try (DebugfsScript script = new DebugfsScript(tmp.resolve("script"))) {
            LayerApplier applier = new LayerApplier(new FsTree(), script, staging, LayerApplier.DevicePolicy.REJECT);
            assertThatThrownBy(() -> applier.apply(new ByteArrayInputStream(layer.apply(new TarBuilder()).build())))
                    .isInstanceOfSatisfying(PortLayerException.class,
                            e -> assertThat(e.kind()).isEqualTo(PortLayerException.Kind.INVALID))
                    .hasMessageContaining(why);
        }
        try (var s = Files.list(tmp.getParent())) {
            assertThat(s.filter(p -> p.getFileName().toString().equals("x"))).isEmpty();
        }
    }

    @Test
    void dotDot() throws IOException {
        assertRejected(t -> t.file("../x", "evil"), "'..'");
        assertRejected(t -> t.file("a/../../x", "evil"), "'..'");
    }

    @Test
    void absolutePath() throws IOException {
        assertRejected(t -> t.file("/etc/x", "evil"), "absolute path");
    }

    @Test
    void writeThroughAnEarlierSymlink() throws IOException {
        assertRejected(t -> t.symlink("etc", "/etc").file("etc/x", "evil"), "symlink etc");
        assertRejected(t -> t.symlink("a", ".").file("a/x", "evil"), "symlink a");
    }

    @Test
    void symlinkClimbingAboveTheRoot() throws IOException {
        assertRejected(t -> t.symlink("usr/lib/x", "../../../etc/passwd"), "outside the root");
    }

    @Test
    void hardLinkOutside() throws IOException {
        assertRejected(t -> t.hardlink("x", "../../etc/passwd"), "'..'");
        assertRejected(t -> t.hardlink("x", "/etc/passwd"), "absolute");
        assertRejected(t -> t.hardlink("x", "missing"), "missing");
        assertRejected(t -> t.symlink("l", "/").file("f", "f").hardlink("x", "l/f"), "symlink l");
    }

    @Test
    void whiteoutOfDotDot() throws IOException {
        assertRejected(t -> t.file("a/.wh...", ""), "whiteout of '..'");
    }

    @Test
    void hugeHeader() throws IOException {
        assertRejected(t -> t.hugePaxHeader("big", 2 * 1024 * 1024), "malformed");
    }

    @Test
    void deviceNodesUnderTheDefaultPolicy() throws IOException {
        assertRejected(t -> t.charDevice("dev/null", 1, 3), "device node");
    }

    @Test
    void notATarAtAll() throws IOException {
        Path staging = Files.createDirectories(tmp.resolve("s2"));
        try (DebugfsScript script = new DebugfsScript(tmp.resolve("script2"))) {
            LayerApplier applier = new LayerApplier(new FsTree(), script, staging, LayerApplier.DevicePolicy.REJECT);
            assertThatThrownBy(() -> applier.apply(new ByteArrayInputStream("hello, not a tar".repeat(100).getBytes())))
                    .isInstanceOf(PortLayerException.class).hasMessageContaining("malformed");
        }
    }

    @Test
    void safeSymlinksAreKept() throws IOException {
        Path staging = Files.createDirectories(tmp.resolve("s3"));
        FsTree tree = new FsTree();
        try (DebugfsScript script = new DebugfsScript(tmp.resolve("script3"))) {
            new LayerApplier(tree, script, staging, LayerApplier.DevicePolicy.REJECT).apply(new ByteArrayInputStream(
                    new TarBuilder().symlink("etc/mtab", "/proc/mounts").symlink("usr/lib/x", "../../lib/x")
                            .build()));
        }
        assertThat(tree.get("etc/mtab").type()).isEqualTo(FsTree.Type.L);
        assertThat(tree.get("usr/lib/x").type()).isEqualTo(FsTree.Type.L);
    }
}
