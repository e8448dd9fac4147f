package dev.vch.tether.guestinfo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vch.tether.TetherException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class ExtraConfigCodecTest {

    enum Mode { RW, RO }

    record Leaf(@Key("v") String value, @GuestWritable @Key("state") Integer state) {
    }

    record Everything(String s, int i, long l, boolean b, Boolean boxed, double d, Mode mode,
            @Key("bytes") byte[] bytes, Instant when, List<String> tags, List<Integer> ports,
            List<Leaf> leaves, Map<String, String> labels, Map<String, Leaf> named,
            Optional<String> maybe, Optional<Leaf> maybeLeaf, Leaf nested, @Secret @Key("key") byte[] secret) {
    }

    static Everything sample() {
        return new Everything("hello world", -7, 1L << 40, true, false, 2.5, Mode.RO, new byte[] {1, 2, 3},
                Instant.ofEpochSecond(1_700_000_000L, 250_000_000), List.of("a|b", "c%d", "e"), List.of(80, 443),
                List.of(new Leaf("x", 1), new Leaf("y", null)), Map.of("b", "2", "a", "1"),
                Map.of("n1", new Leaf("one", 3)), Optional.of("here"), Optional.empty(), new Leaf("deep", 9),
                new byte[] {42});
    }

    @Test
    void encodesGoldenKeys() {
        Map<String, String> keys = new TreeMap<>(ExtraConfigCodec.encode(sample()));
        assertThat(keys).containsExactlyEntriesOf(new TreeMap<>(Map.ofEntries(
                Map.entry("guestinfo.vice./s", "hello world"),
                Map.entry("guestinfo.vice./i", "-7"),
                Map.entry("guestinfo.vice./l", "1099511627776"),
                Map.entry("guestinfo.vice./b", "true"),
                Map.entry("guestinfo.vice./boxed", "false"),
                Map.entry("guestinfo.vice./d", "2.5"),
                Map.entry("guestinfo.vice./mode", "RO"),
                Map.entry("guestinfo.vice./bytes", "AQID"),
                Map.entry("guestinfo.vice./when", "1700000000.25"),
                Map.entry("guestinfo.vice./tags~", "a%7Cb|c%25d|e"),
                Map.entry("guestinfo.vice./ports~", "80|443"),
                Map.entry("guestinfo.vice./leaves", "1"),
                Map.entry("guestinfo.vice./leaves|0/v", "x"),
                Map.entry("guestinfo.vice..leaves|0.state", "1"),
                Map.entry("guestinfo.vice./leaves|1/v", "y"),
                Map.entry("guestinfo.vice./labels", "a|b"),
                Map.entry("guestinfo.vice./labels|a", "1"),
                Map.entry("guestinfo.vice./labels|b", "2"),
                Map.entry("guestinfo.vice./named", "n1"),
                Map.entry("guestinfo.vice./named|n1/v", "one"),
                Map.entry("guestinfo.vice..named|n1.state", "3"),
                Map.entry("guestinfo.vice./maybe", "here"),
                Map.entry("guestinfo.vice./nested/v", "deep"),
                Map.entry("guestinfo.vice..nested.state", "9"),
                Map.entry("guestinfo.vice./key", "Kg=="))));
    }

    @Test
    void roundTrips() {
        Everything back = ExtraConfigCodec.decode(Everything.class, ExtraConfigCodec.encode(sample()));
        Everything want = sample();
        assertThat(back).usingRecursiveComparison().isEqualTo(want);
        assertThat(back.bytes()).containsExactly(1, 2, 3);
        assertThat(back.when()).isEqualTo(want.when());
    }

    @Test
    void absentKeysDecodeAsDefaults() {
        Everything empty = ExtraConfigCodec.decode(Everything.class, Map.of("unrelated.key", "x"));
        assertThat(empty.s()).isNull();
        assertThat(empty.i()).isZero();
        assertThat(empty.b()).isFalse();
        assertThat(empty.tags()).isEmpty();
        assertThat(empty.leaves()).isEmpty();
        assertThat(empty.named()).isEmpty();
        assertThat(empty.maybe()).isEmpty();
        assertThat(empty.nested()).isNull();
    }

    @Test
    void reportsSecretAndGuestWritableKeys() {
        ExtraConfigCodec.Encoded enc = ExtraConfigCodec.encodeDetailed(ExtraConfigCodec.PREFIX, sample());
        assertThat(enc.secretKeys()).containsExactly("guestinfo.vice./key");
        assertThat(enc.guestWritableKeys()).containsExactlyInAnyOrder("guestinfo.vice..leaves|0.state",
                "guestinfo.vice..named|n1.state", "guestinfo.vice..nested.state");
        assertThat(ExtraConfigCodec.isGuestWritable("guestinfo.vice..nested.state")).isTrue();
        assertThat(ExtraConfigCodec.isGuestWritable("guestinfo.vice./nested/v")).isFalse();
        Map<String, String> redacted = ExtraConfigCodec.redact(Everything.class, enc.entries());
        assertThat(redacted).containsEntry("guestinfo.vice./key", ExtraConfigCodec.REDACTED)
                .containsEntry("guestinfo.vice./s", "hello world");
    }

    @Test
    void badValueNamesTheKey() {
        assertThatThrownBy(() -> ExtraConfigCodec.decode(Everything.class, Map.of("guestinfo.vice./i", "seven")))
                .isInstanceOf(TetherException.class)
                .hasMessageContaining("guestinfo.vice./i")
                .extracting(e -> ((TetherException) e).kind()).isEqualTo(TetherException.Kind.CODEC);
        assertThatThrownBy(() -> ExtraConfigCodec.decode(Everything.class, Map.of("guestinfo.vice./b", "yes")))
                .hasMessageContaining("true or false");
    }

    record BadMapKey(Map<String, String> m) {
    }

    @Test
    void refusesMapKeysTheChannelCannotCarry() {
        assertThatThrownBy(() -> ExtraConfigCodec.encode(new BadMapKey(Map.of("a b", "x"))))
                .isInstanceOf(TetherException.class).hasMessageContaining("map key \"a b\"");
    }

    record Unsupported(java.util.Set<String> set) {
    }

    @Test
    void refusesUnsupportedTypesClearly() {
        assertThatThrownBy(() -> ExtraConfigCodec.encode(new Unsupported(java.util.Set.of())))
                .isInstanceOf(TetherException.class).hasMessageContaining("cannot map").hasMessageContaining("Set");
        assertThatThrownBy(() -> ExtraConfigCodec.encode("not a record")).hasMessageContaining("records only");
    }
}
