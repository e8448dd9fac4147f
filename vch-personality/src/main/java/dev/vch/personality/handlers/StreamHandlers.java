package dev.vch.personality.handlers;

import dev.vch.personality.errors.DockerApiException;
import dev.vch.personality.routing.ApiRequest;
import dev.vch.personality.routing.Reply;
import dev.vch.personality.stream.Framing;
import dev.vch.portlayer.api.AttachOptions;
import dev.vch.portlayer.api.ContainerService;
import dev.vch.portlayer.api.LogOptions;
import dev.vch.portlayer.api.OutputSink;
import dev.vch.portlayer.api.StdStream;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

/** Attach (hijacked) and logs (chunked), framed by the container's {@code Tty}. */
final class StreamHandlers {
    private final ContainerService containers;

    StreamHandlers(ContainerService containers) {
        this.containers = containers;
    }

    static boolean wantsUpgrade(ApiRequest r) {
        String upgrade = r.headers().get(HttpHeaderNames.UPGRADE);
        return upgrade != null && !upgrade.isEmpty();
    }

    Reply attach(ApiRequest r) {
        var container = containers.inspect(r.param("id"));
        String id = container.id();
        boolean tty = container.spec().tty();
        var options = new AttachOptions(r.bool("stdin"), r.bool("stdout"), r.bool("stderr"), r.bool("logs"),
                r.bool("stream"), r.query("detachKeys"));
        return new Reply.Hijack(tty ? Framing.RAW : Framing.MULTIPLEXED, wantsUpgrade(r), stream -> {
            var attachment = containers.attach(id, options, stream.sink());
            stream.connect(attachment);
        });
    }

    Reply logs(ApiRequest r) {
        var container = containers.inspect(r.param("id"));
        boolean stdout = r.bool("stdout");
        boolean stderr = r.bool("stderr");
        if (!stdout && !stderr) {
            throw DockerApiException.badRequest("Bad parameters: you must choose at least one stream");
        }
        String tailText = r.query("tail");
        int tail;
        if (tailText == null || tailText.isEmpty() || tailText.equals("all")) {
            tail = -1;
        } else {
            tail = r.integer("tail", -1);
        }
        Instant since = Timestamps.parse(r.query("since"), "since");
        Instant until = Timestamps.parse(r.query("until"), "until");
        var options = new LogOptions(stdout, stderr, r.bool("follow"), tail, since, until, r.bool("timestamps"));
        boolean multiplexed = !container.spec().tty();
        String id = container.id();
        return new Reply.Streaming(HttpResponseStatus.OK, multiplexed ? Framing.MULTIPLEXED : Framing.RAW, out -> {
            out.begin();
            var ended = new CompletableFuture<Void>();
            try (var subscription = containers.logs(id, options, new OutputSink() {
                @Override
                public void write(StdStream stream, byte[] data) {
                    out.writeFrame(multiplexed, stream, data);
                }

                @Override
                public void end(String error) {
                    ended.complete(null);
                }
            })) {
                CompletableFuture.anyOf(ended, out.closed()).join();
            }
        });
    }
}
