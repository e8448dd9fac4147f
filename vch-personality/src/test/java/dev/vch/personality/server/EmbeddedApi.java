package dev.vch.personality.server;

import dev.vch.personality.DockerApiConfig;
import dev.vch.personality.handlers.Routes;
import dev.vch.portlayer.api.PortLayer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The server's real pipeline (codec, bounded aggregator, dispatcher) on an
 * {@link EmbeddedChannel}, with handlers run on the calling thread so each exchange is
 * synchronous. Requests go in as raw HTTP bytes, responses come out as raw bytes.
 */
public final class EmbeddedApi {
    public final EmbeddedChannel channel = new EmbeddedChannel();

    public EmbeddedApi(PortLayer portLayer, int maxBody) {
        var config = DockerApiConfig.plain("127.0.0.1", 0, "test-vch").withMaxBodyBytes(maxBody);
        new ApiChannelInitializer(null, config, Routes.build(config, portLayer), JsonMapper.create(), Runnable::run)
                .addHandlers(channel.pipeline());
    }

    /** Sends raw bytes and returns everything the server wrote back. */
    public String send(String raw) {
        channel.writeInbound(Unpooled.copiedBuffer(raw, StandardCharsets.UTF_8));
        channel.runPendingTasks();
        return drain();
    }

    public String drain() {
        var out = new ByteArrayOutputStream();
        ByteBuf b;
        while ((b = channel.readOutbound()) != null) {
            byte[] bytes = new byte[b.readableBytes()];
            b.readBytes(bytes);
            b.release();
            out.writeBytes(bytes);
        }
        return out.toString(StandardCharsets.ISO_8859_1);
    }

    /**
     * A latch released when the server writes bytes containing {@code marker}: lets a test
     * await output produced on another thread.
     */
    public java.util.concurrent.CountDownLatch latchOnWrite(String marker) {
        var latch = new java.util.concurrent.CountDownLatch(1);
        channel.pipeline().addFirst(new io.netty.channel.ChannelOutboundHandlerAdapter() {
            private boolean seen;

            @Override
            public void write(io.netty.channel.ChannelHandlerContext ctx, Object msg,
                              io.netty.channel.ChannelPromise promise) throws Exception {
                seen |= msg instanceof ByteBuf b && b.toString(StandardCharsets.ISO_8859_1).contains(marker);
                super.write(ctx, msg, promise);
            }

            @Override
            public void flush(io.netty.channel.ChannelHandlerContext ctx) throws Exception {
                super.flush(ctx);
                if (seen) {
                    latch.countDown(); // only now is it in the channel's outbound queue
                }
            }
        });
        return latch;
    }

    public Response request(String method, String path, String body) {
        return Response.parse(send(requestText(method, path, body)));
    }

    public Response get(String path) {
        return request("GET", path, null);
    }

    public static String requestText(String method, String path, String body) {
        byte[] b = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        return method + " " + path + " HTTP/1.1\r\nHost: docker\r\n"
                + (body == null ? "" : "Content-Type: application/json\r\n")
                + (b.length > 0 || "POST".equals(method) ? "Content-Length: " + b.length + "\r\n" : "")
                + "\r\n" + (body == null ? "" : body);
    }

    /** A parsed response; chunked bodies are de-chunked. Header names are lower-cased. */
    public record Response(int status, String reason, Map<String, String> headers, String body) {
        public static Response parse(String raw) {
            int end = raw.indexOf("\r\n\r\n");
            if (end < 0) {
                throw new AssertionError("no complete response head in: " + raw);
            }
            String[] lines = raw.substring(0, end).split("\r\n");
            String[] status = lines[0].split(" ", 3);
            Map<String, String> headers = new LinkedHashMap<>();
            for (int i = 1; i < lines.length; i++) {
                int colon = lines[i].indexOf(':');
                headers.put(lines[i].substring(0, colon).toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
            }
            String body = raw.substring(end + 4);
            if ("chunked".equals(headers.get("transfer-encoding"))) {
                body = dechunk(body);
            }
            return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", headers, body);
        }

        private static String dechunk(String s) {
            var out = new StringBuilder();
            int i = 0;
            while (i < s.length()) {
                int eol = s.indexOf("\r\n", i);
                if (eol < 0) {
                    break;
                }
                int size = Integer.parseInt(s.substring(i, eol).trim(), 16);
                if (size == 0) {
                    break;
                }
                out.append(s, eol + 2, eol + 2 + size);
                i = eol + 2 + size + 2;
            }
            return out.toString();
        }
    }
}
