package dev.vch.sim.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class GuestInfoProtocolTest {

    private final MapGuestInfoStore store = new MapGuestInfoStore(Map.of(
            "guestinfo.a", "1", "guestinfo.b.x", "two\nlines 100%", "guestinfo.b.y", "", "other.key", "hidden"));
    private final GuestInfoProtocol protocol = new GuestInfoProtocol(store);

    @Test
    void getAnswersEscapedValueOrNone() {
        assertThat(protocol.answer("get guestinfo.a")).isEqualTo("ok 1\n");
        assertThat(protocol.answer("get guestinfo.b.x")).isEqualTo("ok two%0Alines 100%25\n");
        assertThat(protocol.answer("get guestinfo.b.y")).isEqualTo("ok \n");
        assertThat(protocol.answer("get guestinfo.missing")).isEqualTo("none\n");
        assertThat(protocol.answer("get guestinfo.a\r")).isEqualTo("ok 1\n");
    }

    @Test
    void setUnescapesAndEmptyValueRemoves() {
        assertThat(protocol.answer("set guestinfo.n v%0Aw%25 x")).isEqualTo("ok\n");
        assertThat(store.entries).containsEntry("guestinfo.n", "v\nw% x");
        assertThat(protocol.answer("set guestinfo.a ")).isEqualTo("ok\n");
        assertThat(store.entries).doesNotContainKey("guestinfo.a");
        assertThat(protocol.answer("set guestinfo.b.x")).isEqualTo("ok\n");
        assertThat(store.entries).doesNotContainKey("guestinfo.b.x");
    }

    @Test
    void listReturnsCountThenSortedEntriesUnderPrefix() {
        assertThat(protocol.answer("list guestinfo.b.")).isEqualTo("ok 2\nguestinfo.b.x=two%0Alines 100%25\nguestinfo.b.y=\n");
        assertThat(protocol.answer("list guestinfo.zzz")).isEqualTo("ok 0\n");
        assertThat(protocol.answer("list guestinfo.")).startsWith("ok 3\nguestinfo.a=1\n");
    }

    @Test
    void badRequestsGetErrAndTheChannelStaysUsable() {
        assertThat(protocol.answer("get other.key")).startsWith("err invalid key 'other.key'");
        assertThat(protocol.answer("set other.key x")).startsWith("err ");
        assertThat(store.entries).containsEntry("other.key", "hidden");
        assertThat(protocol.answer("set guestinfo.a=b c")).startsWith("err ");
        assertThat(protocol.answer("list other")).startsWith("err ");
        assertThat(protocol.answer("frobnicate")).startsWith("err unknown request 'frobnicate'");
        assertThat(protocol.answer("")).startsWith("err ");
        assertThat(GuestInfoProtocol.tooLong()).isEqualTo("err request line over 1 MiB\n");
        assertThat(protocol.answer("get guestinfo.a")).isEqualTo("ok 1\n");
    }

    @Test
    void aFailingStoreIsAnErrNotACrash() {
        GuestInfoProtocol broken = new GuestInfoProtocol(new GuestInfoStore() {
            @Override
            public Map<String, String> guestInfo() {
                throw new IllegalStateException("VM\nis gone");
            }

            @Override
            public void setGuestInfo(String key, String value) {
                throw new IllegalStateException("VM is gone");
            }
        });
        assertThat(broken.answer("get guestinfo.a")).isEqualTo("err the host failed to handle the request: VM is gone\n");
        assertThat(broken.answer("set guestinfo.a b")).isEqualTo("err the host failed to handle the request: VM is gone\n");
    }

    @Test
    void fwCfgFileIsSortedEscapedAndSkipsForeignOrUnrepresentableKeys() {
        String text = GuestInfoCodec.fwCfgText(Map.of("guestinfo.z", "%\r", "guestinfo.a", "x=y",
                "annotation", "no", "guestinfo.bad key", "v"));
        assertThat(text).isEqualTo("guestinfo.a=x=y\nguestinfo.z=%25%0D\n");
    }

    @Test
    void unescapeLeavesOtherPercentSequences() {
        assertThat(GuestInfoCodec.unescape("%41%0a%2")).isEqualTo("%41\n%2");
        assertThat(GuestInfoCodec.unescape(GuestInfoCodec.escape("a%0Ab\r\n%"))).isEqualTo("a%0Ab\r\n%");
    }
}
