package dev.vch.tether.protocol;

import dev.vch.tether.TetherException;
import java.io.ByteArrayOutputStream;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Big-endian payload fields: u8, i32, byte strings and UTF-8 strings with an i32 length. */
final class Payload {

    private Payload() {
    }

    static final class Out {
        private final ByteArrayOutputStream buf = new ByteArrayOutputStream(64);

        Out u8(int v) {
            buf.write(v);
            return this;
        }

        Out i32(int v) {
            buf.write(v >>> 24);
            buf.write(v >>> 16);
            buf.write(v >>> 8);
            buf.write(v);
            return this;
        }

        Out bytes(byte[] b) {
            i32(b.length);
            buf.writeBytes(b);
            return this;
        }

        Out str(String s) {
            return bytes(s == null ? new byte[0] : s.getBytes(StandardCharsets.UTF_8));
        }

        Out map(Map<String, String> m) {
            i32(m.size());
            m.forEach((k, v) -> str(k).str(v));
            return this;
        }

        Out raw(byte[] b) {
            buf.writeBytes(b);
            return this;
        }

        byte[] toBytes() {
            return buf.toByteArray();
        }
    }

    static final class In {
        private final ByteBuffer buf;
        private final String what;

        In(byte[] payload, String what) {
            this.buf = ByteBuffer.wrap(payload);
            this.what = what;
        }

        int u8() {
            try {
                return buf.get() & 0xff;
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        int i32() {
            try {
                return buf.getInt();
            } catch (BufferUnderflowException e) {
                throw truncated();
            }
        }

        byte[] bytes() {
            int len = i32();
            if (len < 0 || len > buf.remaining()) throw truncated();
            byte[] b = new byte[len];
            buf.get(b);
            return b;
        }

        String str() {
            return new String(bytes(), StandardCharsets.UTF_8);
        }

        Map<String, String> map() {
            int n = i32();
            if (n < 0 || n > buf.remaining() / 8) throw truncated();
            Map<String, String> m = new LinkedHashMap<>();
            for (int i = 0; i < n; i++) m.put(str(), str());
            return m;
        }

        byte[] rest() {
            byte[] b = new byte[buf.remaining()];
            buf.get(b);
            return b;
        }

        void end() {
            if (buf.hasRemaining()) {
                throw new TetherException(TetherException.Kind.PROTOCOL, what + " has " + buf.remaining() + " trailing bytes");
            }
        }

        private TetherException truncated() {
            return new TetherException(TetherException.Kind.PROTOCOL, what + " payload is truncated or malformed");
        }
    }
}
