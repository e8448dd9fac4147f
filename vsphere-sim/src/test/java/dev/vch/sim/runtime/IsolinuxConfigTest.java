package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vch.sim.runtime.IsolinuxConfig.BootEntry;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IsolinuxConfigTest {

    @Test
    void defaultLabelWins() {
        String cfg = """
                UI menu.c32
                DEFAULT vch
                TIMEOUT 0
                LABEL rescue
                  KERNEL /boot/rescue
                LABEL vch
                  linux vmlinuz
                  initrd initrd.img,extra.cpio
                  append console=ttyS0 quiet
                """;
        assertThat(IsolinuxConfig.defaultEntry(cfg, "/isolinux")).contains(
                new BootEntry("/isolinux/vmlinuz", List.of("/isolinux/initrd.img", "/isolinux/extra.cpio"), "console=ttyS0 quiet"));
    }

    @Test
    void menuDefaultThenFirstLabel() {
        String menu = "LABEL a\n KERNEL /a\nLABEL b\n MENU DEFAULT\n KERNEL /b\n APPEND initrd=/b.img x=1\n";
        assertThat(IsolinuxConfig.defaultEntry(menu, "/isolinux")).contains(
                new BootEntry("/b", List.of("/b.img"), "initrd=/b.img x=1"));
        assertThat(IsolinuxConfig.defaultEntry("LABEL a\n KERNEL ../k\n", "/isolinux"))
                .contains(new BootEntry("/k", List.of(), ""));
    }

    @Test
    void defaultAsCommandLineWhenNoLabelMatches() {
        assertThat(IsolinuxConfig.defaultEntry("default /vmlinuz ro quiet\n", "/isolinux"))
                .contains(new BootEntry("/vmlinuz", List.of(), "ro quiet"));
    }

    @Test
    void pathsCannotClimbAboveTheRootAndEmptyConfigHasNoEntry() {
        assertThat(IsolinuxConfig.absolute("../../../etc/passwd", "/isolinux")).isEqualTo("/etc/passwd");
        assertThat(IsolinuxConfig.defaultEntry("# nothing\nTIMEOUT 1\n", "/isolinux")).isEqualTo(Optional.empty());
        assertThat(IsolinuxConfig.defaultEntry("DEFAULT menu.c32\n", "/isolinux")).isEqualTo(Optional.empty());
    }
}
