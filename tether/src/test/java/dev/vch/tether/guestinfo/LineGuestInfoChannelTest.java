package dev.vch.tether.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.TetherException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LineGuestInfoChannelTest {

    static LineGuestInfoChannel channel(String replies, ByteArrayOutputStream sent) {
        return new LineGuestInfoChannel(new ByteArrayInputStream(replies.getBytes(StandardCharsets.UTF_8)), sent, () -> { });
    }

    @Test
    void speaksTheLineProtocolWithEscapes() {
        ByteArrayOutputStream sent = new ByteArrayOutputStream();
        LineGuestInfoChannel c = channel("ok a%0Ab%25\nnone\nok\nok 2\nguestinfo.x=1\nguestinfo.y=2%0A\nerr nope\n", sent);
        assertThat(c.get("guestinfo.a")).contains("a\nb%");
        assertThat(c.get("guestinfo.b")).isEmpty();
        c.set("guestinfo.c", "50%\nx");
        assertThat(c.list("guestinfo.")).isEqualTo(Map.of("guestinfo.x", "1", "guestinfo.y", "2\n"));
        assertThatThrownBy(() -> c.get("guestinfo.d")).isInstanceOf(TetherException.class).hasMessageContaining("err nope");
        assertThat(sent.toString(StandardCharsets.UTF_8))
                .isEqualTo("get guestinfo.a\nget guestinfo.b\nset guestinfo.c 50%25%0Ax\nlist guestinfo.\nget guestinfo.d\n");
    }

    @Test
    void refusesKeysOutsideGuestinfoAndReportsAClosedChannel() {
        LineGuestInfoChannel c = channel("", new ByteArrayOutputStream());
        assertThatThrownBy(() -> c.set("other.key", "v")).hasMessageContaining("not a guestinfo key");
        assertThatThrownBy(() -> c.get("guestinfo.a")).hasMessageContaining("closed");
    }

    @Test
    void parsesAndFormatsTheFwCfgFile() {
        Map<String, String> m = GuestInfoText.parse("guestinfo.b=x%0Ay\nguestinfo.a=\nnoequals\n");
        assertThat(m).isEqualTo(Map.of("guestinfo.a", "", "guestinfo.b", "x\ny"));
        assertThat(GuestInfoText.format(m)).isEqualTo("guestinfo.a=\nguestinfo.b=x%0Ay\n");
    }
}
